// h5p-standalone ships no types for its player class.
declare module 'h5p-standalone' {
  export class H5P {
    constructor(anchor: HTMLElement, options: Record<string, unknown>);
  }
}
