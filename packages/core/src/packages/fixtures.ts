// Minimal, standard-conformant packages built in memory: a SCORM 1.2 and a SCORM 2004 package
// (imsmanifest.xml + a launch page that finds the LMS API and reports status, score, location and
// suspend data), and an H5P package (h5p.json, content/content.json and a small library of our
// own that emits xAPI completed). Used by the tests, the browser tests and the demo course.
import yazl from 'yazl';

export interface ZipEntrySpec {
  name: string;
  data?: string | Buffer;
  /** Unix mode bits (e.g. 0o120777 for a symlink). */
  mode?: number;
  compress?: boolean;
}

/** yazl refuses unsafe names; the malicious fixtures need them, so they are patched in afterwards. */
const unsafeName = (name: string) => name.startsWith('/') || name.split('/').includes('..');

/**
 * Builds a zip in memory (yazl). Names yazl would refuse (`../x`, `/etc/x`) are written under a
 * placeholder of the same byte length, then replaced in the local header and the central directory.
 */
export async function buildZip(entries: ZipEntrySpec[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const patches: [Buffer, Buffer][] = [];
  entries.forEach((e, i) => {
    let name = e.name;
    if (unsafeName(name)) {
      const real = Buffer.from(name);
      const placeholder = `m${i}_`.padEnd(real.length, 'x');
      if (placeholder.length !== real.length) throw new Error(`fixture name too short: ${name}`);
      patches.push([Buffer.from(placeholder), real]);
      name = placeholder;
    }
    if (e.data === undefined) zip.addEmptyDirectory(name, { mode: e.mode });
    else
      zip.addBuffer(Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data), name, {
        mode: e.mode,
        compress: e.compress ?? true,
      });
  });
  zip.end();
  const out = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
  for (const [from, to] of patches) {
    for (let at = out.indexOf(from); at >= 0; at = out.indexOf(from, at + to.length)) to.copy(out, at);
  }
  return out;
}

const SCO_STYLE = `body{font-family:system-ui,sans-serif;margin:0;padding:1rem;line-height:1.5}
button{font:inherit;padding:.6rem 1rem;margin:.25rem 0;min-height:44px;border-radius:6px;border:1px solid #245;background:#245;color:#fff}
#state{margin-top:1rem}`;

/**
 * A one-page SCO: finds the API in the parent windows (the standard search), initialises, shows
 * the resumed location and suspend data, and on "Terminer" sets the score, the status, the
 * location and the suspend data, then commits.
 */
function scoPage(version: '1.2' | '2004'): string {
  const script = version === '1.2' ? 'sco12.js' : 'sco2004.js';
  return `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>SCO ${version}</title><link rel="stylesheet" href="style.css"></head>
<body>
<h1>Module SCORM ${version}</h1>
<p>Deux étapes : lisez la page 1, puis la page 2, puis terminez.</p>
<button id="page2" type="button">Aller à la page 2</button>
<button id="finish" type="button">Terminer le module</button>
<p id="state" role="status">…</p>
<script src="${script}"></script>
</body></html>`;
}

function scoScript(version: '1.2' | '2004'): string {
  const v12 = version === '1.2';
  const api = v12 ? 'API' : 'API_1484_11';
  const c = v12
    ? {
        init: 'LMSInitialize',
        get: 'LMSGetValue',
        set: 'LMSSetValue',
        commit: 'LMSCommit',
        finish: 'LMSFinish',
      }
    : { init: 'Initialize', get: 'GetValue', set: 'SetValue', commit: 'Commit', finish: 'Terminate' };
  const loc = v12 ? 'cmi.core.lesson_location' : 'cmi.location';
  const exit = v12 ? 'cmi.core.exit' : 'cmi.exit';
  const finish = v12
    ? `s('cmi.core.score.min','0');s('cmi.core.score.raw','85');s('cmi.core.score.max','100');s('cmi.core.lesson_status','passed');`
    : `s('cmi.score.min','0');s('cmi.score.raw','85');s('cmi.score.max','100');s('cmi.score.scaled','0.85');s('cmi.completion_status','completed');s('cmi.success_status','passed');`;
  return `(function(){
  // The standard API discovery: this window's parents, then the opener's.
  function find(w){var n=0;while(w&&!w.${api}&&w.parent&&w.parent!==w&&n<7){n++;w=w.parent;}return w&&w.${api}?w.${api}:null;}
  var api=find(window)||(window.opener?find(window.opener):null);
  var state=document.getElementById('state');
  if(!api){state.textContent='LMS introuvable';return;}
  api.${c.init}('');
  function s(k,v){api.${c.set}(k,v);}
  var page=api.${c.get}('${loc}')||'page1';
  var data=api.${c.get}('cmi.suspend_data')||'';
  function show(){state.textContent='Position : '+page+(data?' — reprise : '+data:'');}
  show();
  ${v12 ? "if(api.LMSGetValue('cmi.core.lesson_status')==='not attempted')s('cmi.core.lesson_status','incomplete');" : "s('cmi.completion_status','incomplete');"}
  document.getElementById('page2').onclick=function(){page='page2';data='step=2';s('${loc}',page);s('cmi.suspend_data',data);s('${exit}','suspend');api.${c.commit}('');show();};
  document.getElementById('finish').onclick=function(){${finish}s('${loc}','end');s('cmi.suspend_data','step=done');s('${exit}','suspend');api.${c.commit}('');page='end';data='step=done';show();state.textContent+=' — terminé';};
})();`;
}

const MANIFEST_12 = `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="mdsc.sco12" version="1"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="ORG-1">
    <organization identifier="ORG-1">
      <title>Gestion de projet associatif (SCORM 1.2)</title>
      <item identifier="ITEM-1" identifierref="RES-1" isvisible="true">
        <title>Module interactif</title>
        <adlcp:masteryscore>80</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="RES-1" type="webcontent" adlcp:scormtype="sco" href="index.html">
      <file href="index.html"/><file href="sco12.js"/><file href="style.css"/>
    </resource>
  </resources>
</manifest>`;

const MANIFEST_2004 = `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="mdsc.sco2004" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="ORG-1">
    <organization identifier="ORG-1">
      <title>Gestion de projet associatif (SCORM 2004)</title>
      <item identifier="ITEM-1" identifierref="RES-1" parameters="?lang=fr">
        <title>Module interactif</title>
        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="PRIMARY" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
          </imsss:objectives>
        </imsss:sequencing>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="RES-1" type="webcontent" adlcp:scormType="sco" xml:base="sco/" href="index.html">
      <file href="index.html"/><file href="sco2004.js"/><file href="style.css"/>
    </resource>
  </resources>
</manifest>`;

export function scorm12Package(): Promise<Buffer> {
  return buildZip([
    { name: 'imsmanifest.xml', data: MANIFEST_12 },
    { name: 'index.html', data: scoPage('1.2') },
    { name: 'sco12.js', data: scoScript('1.2') },
    { name: 'style.css', data: SCO_STYLE },
  ]);
}

export function scorm2004Package(): Promise<Buffer> {
  return buildZip([
    { name: 'imsmanifest.xml', data: MANIFEST_2004 },
    { name: 'sco/', data: undefined },
    { name: 'sco/index.html', data: scoPage('2004') },
    { name: 'sco/sco2004.js', data: scoScript('2004') },
    { name: 'sco/style.css', data: SCO_STYLE },
  ]);
}

/**
 * An H5P library of our own (H5P.MdscCheck 1.1): a question with a button; answering emits the
 * xAPI "completed" statement with a full score through H5P's own EventDispatcher, as any H5P
 * content type does.
 */
const LIBRARY_JSON = JSON.stringify({
  title: 'MdSC check',
  machineName: 'H5P.MdscCheck',
  majorVersion: 1,
  minorVersion: 1,
  patchVersion: 0,
  runnable: 1,
  preloadedJs: [{ path: 'check.js' }],
  preloadedCss: [{ path: 'check.css' }],
});

const LIBRARY_JS = `var H5P = H5P || {};
H5P.MdscCheck = (function ($, EventDispatcher) {
  function MdscCheck(params, contentId) {
    EventDispatcher.call(this);
    this.params = params || {};
    this.contentId = contentId;
  }
  MdscCheck.prototype = Object.create(EventDispatcher.prototype);
  MdscCheck.prototype.constructor = MdscCheck;
  MdscCheck.prototype.attach = function ($container) {
    var self = this;
    $container.addClass('h5p-mdsc-check');
    var q = document.createElement('p');
    q.textContent = self.params.question || '';
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'h5p-mdsc-check-button';
    b.textContent = self.params.answer || 'OK';
    var r = document.createElement('p');
    r.setAttribute('role', 'status');
    b.addEventListener('click', function () {
      r.textContent = self.params.feedback || '';
      b.disabled = true;
      self.triggerXAPIScored(1, 1, 'completed', true, true);
    });
    $container.get(0).appendChild(q);
    $container.get(0).appendChild(b);
    $container.get(0).appendChild(r);
  };
  return MdscCheck;
})(H5P.jQuery, H5P.EventDispatcher);
`;

export function h5pPackage(): Promise<Buffer> {
  return buildZip([
    {
      name: 'h5p.json',
      data: JSON.stringify({
        title: 'Vérifier ses acquis',
        language: 'fr',
        mainLibrary: 'H5P.MdscCheck',
        embedTypes: ['div'],
        license: 'U',
        preloadedDependencies: [{ machineName: 'H5P.MdscCheck', majorVersion: 1, minorVersion: 1 }],
      }),
    },
    {
      name: 'content/content.json',
      data: JSON.stringify({
        question: 'Une association doit-elle tenir une assemblée générale chaque année ?',
        answer: 'Oui, c’est la règle',
        feedback: 'Exact : l’assemblée générale annuelle approuve les comptes.',
      }),
    },
    { name: 'H5P.MdscCheck-1.1/library.json', data: LIBRARY_JSON },
    { name: 'H5P.MdscCheck-1.1/check.js', data: LIBRARY_JS },
    {
      name: 'H5P.MdscCheck-1.1/check.css',
      data: '.h5p-mdsc-check{padding:1rem;font-size:1rem}.h5p-mdsc-check-button{min-height:44px;padding:.5rem 1rem}',
    },
  ]);
}
