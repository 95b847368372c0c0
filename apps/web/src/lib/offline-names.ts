// Cache Storage names of the offline copy ("Télécharger pour hors-ligne"), shared by the page
// (which writes and reads them) and the service worker (which reads the files).

/** Lesson files (PDF, images, audio, video) at their own URLs (/api/media/<id>). */
export const OFFLINE_FILES_CACHE = 'mdsc-offline-files';
/** The tRPC query answers the lesson page and the outline read, keyed by procedure and input. */
export const OFFLINE_DATA_CACHE = 'mdsc-offline-data';
