// The WYSIWYG editor of text lessons (TipTap on ProseMirror), lazily loaded by RichTextField.
// It writes HTML within the server's allow-list (packages/core/src/catalog/rich-text.ts): section
// headings h2–h4, marks, lists, quotes, code, links, tables and images from the course's media
// library. The server sanitises whatever arrives anyway.
import Image from '@tiptap/extension-image';
import Link from '@tiptap/extension-link';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useRef, useState, type ReactNode, type Ref } from 'react';
import { useI18n } from '../../../i18n';
import '../../../ui/rich-text.css';
import { ImagePicker } from './ImagePicker';
import { LinkPanel } from './LinkPanel';
import './rich-editor.css';

export interface RichTextEditorProps {
  id: string;
  label: string;
  invalid: boolean;
  describedBy?: string;
  value: string;
  onChange(html: string): void;
  onBlur(): void;
  /** The form layer's ref: it focuses the editor when the field has an error. */
  editorRef: Ref<{ focus(): void }>;
  courseId: number;
  lessonId?: number;
}

const EXTENSIONS = [
  StarterKit.configure({
    // The lesson page has its own h1: sections start at h2.
    heading: { levels: [2, 3, 4] },
    link: false,
  }),
  Link.configure({
    openOnClick: false,
    autolink: true,
    defaultProtocol: 'https',
    protocols: ['http', 'https', 'mailto'],
    HTMLAttributes: { target: '_blank', rel: 'noopener noreferrer nofollow' },
  }),
  Image.configure({ inline: false, allowBase64: false }),
  Table.configure({ resizable: false }),
  TableRow,
  TableHeader,
  TableCell,
];

/** What the toolbar shows as pressed or available, read again on every change of the selection. */
function toolbarState({ editor }: { editor: Editor }) {
  return {
    h2: editor.isActive('heading', { level: 2 }),
    h3: editor.isActive('heading', { level: 3 }),
    bold: editor.isActive('bold'),
    italic: editor.isActive('italic'),
    bulletList: editor.isActive('bulletList'),
    orderedList: editor.isActive('orderedList'),
    blockquote: editor.isActive('blockquote'),
    code: editor.isActive('code'),
    codeBlock: editor.isActive('codeBlock'),
    link: editor.isActive('link'),
    table: editor.isActive('table'),
    canUndo: editor.can().undo(),
    canRedo: editor.can().redo(),
  };
}

export default function RichTextEditor(p: RichTextEditorProps) {
  const { t } = useI18n();
  const [panel, setPanel] = useState<'link' | 'image' | null>(null);
  const onChange = useRef(p.onChange);
  onChange.current = p.onChange;
  // The editable area is the field's control: the label's id, its error and hint.
  const attributes = {
    id: p.id,
    role: 'textbox',
    'aria-multiline': 'true',
    'aria-label': p.label,
    ...(p.describedBy ? { 'aria-describedby': p.describedBy } : {}),
    ...(p.invalid ? { 'aria-invalid': 'true' } : {}),
    class: 'rich-text rich-editor-content',
    'data-testid': 'rich-editor',
  };
  const attrKey = JSON.stringify(attributes);
  const editor = useEditor({
    extensions: EXTENSIONS,
    editorProps: { attributes },
    content: p.value,
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    onUpdate: ({ editor: e }) => onChange.current(e.isEmpty ? '' : e.getHTML()),
    onBlur: () => p.onBlur(),
  });
  useEffect(() => {
    editor.setOptions({ editorProps: { attributes: JSON.parse(attrKey) as Record<string, string> } });
  }, [editor, attrKey]);
  useEffect(() => {
    const r = p.editorRef;
    const handle = { focus: () => editor.commands.focus() };
    if (typeof r === 'function') r(handle);
    else if (r) (r as { current: unknown }).current = handle;
  }, [editor, p.editorRef]);

  const s = useEditorState({ editor, selector: toolbarState });
  const chain = () => editor.chain().focus();
  const tool = (
    key: string,
    label: string,
    glyph: ReactNode,
    run: () => void,
    pressed?: boolean,
    disabled?: boolean,
  ) => (
    <button
      key={key}
      type="button"
      className="rte-btn"
      title={label}
      aria-pressed={pressed}
      disabled={disabled}
      // A mouse click leaves the focus (and the selection, with its pending bold or italic) in the
      // text; the keyboard reaches the buttons with Tab and goes back with the command's focus().
      onMouseDown={(e) => e.preventDefault()}
      onClick={run}
      data-tool={key}
    >
      {/* The name is the full label; the short glyph is what sighted users see. */}
      <span aria-hidden="true">{glyph}</span>
      <span className="visually-hidden">{label}</span>
    </button>
  );

  return (
    <div className={`rich-editor${p.invalid ? ' invalid' : ''}`}>
      <div role="toolbar" aria-label={t('rte.toolbar')} aria-controls={p.id} className="rte-toolbar">
        <div className="rte-group" role="group" aria-label={t('rte.group.blocks')}>
          {tool('h2', t('rte.h2'), 'H2', () => chain().toggleHeading({ level: 2 }).run(), s.h2)}
          {tool('h3', t('rte.h3'), 'H3', () => chain().toggleHeading({ level: 3 }).run(), s.h3)}
          {tool(
            'bulletList',
            t('rte.bulletList'),
            '• —',
            () => chain().toggleBulletList().run(),
            s.bulletList,
          )}
          {tool(
            'orderedList',
            t('rte.orderedList'),
            '1. —',
            () => chain().toggleOrderedList().run(),
            s.orderedList,
          )}
          {tool('blockquote', t('rte.blockquote'), '❝', () => chain().toggleBlockquote().run(), s.blockquote)}
          {tool('codeBlock', t('rte.codeBlock'), '{ }', () => chain().toggleCodeBlock().run(), s.codeBlock)}
        </div>
        <div className="rte-group" role="group" aria-label={t('rte.group.marks')}>
          {tool('bold', t('rte.bold'), <b>B</b>, () => chain().toggleBold().run(), s.bold)}
          {tool('italic', t('rte.italic'), <i>I</i>, () => chain().toggleItalic().run(), s.italic)}
          {tool('code', t('rte.code'), '</>', () => chain().toggleCode().run(), s.code)}
          {tool(
            'link',
            t('rte.link'),
            t('rte.short.link'),
            () => setPanel(panel === 'link' ? null : 'link'),
            s.link,
          )}
        </div>
        <div className="rte-group" role="group" aria-label={t('rte.group.insert')}>
          {tool('image', t('rte.image'), t('rte.short.image'), () => setPanel('image'))}
          {tool(
            'table',
            t('rte.table'),
            t('rte.short.table'),
            () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
            undefined,
            s.table,
          )}
        </div>
        {s.table && (
          <div className="rte-group" role="group" aria-label={t('rte.group.table')}>
            {tool('addRow', t('rte.addRow'), t('rte.short.addRow'), () => chain().addRowAfter().run())}
            {tool('addColumn', t('rte.addColumn'), t('rte.short.addColumn'), () =>
              chain().addColumnAfter().run(),
            )}
            {tool('deleteRow', t('rte.deleteRow'), t('rte.short.deleteRow'), () => chain().deleteRow().run())}
            {tool('deleteColumn', t('rte.deleteColumn'), t('rte.short.deleteColumn'), () =>
              chain().deleteColumn().run(),
            )}
            {tool('deleteTable', t('rte.deleteTable'), t('rte.short.deleteTable'), () =>
              chain().deleteTable().run(),
            )}
          </div>
        )}
        <div className="rte-group" role="group" aria-label={t('rte.group.history')}>
          {tool('undo', t('rte.undo'), '↶', () => chain().undo().run(), undefined, !s.canUndo)}
          {tool('redo', t('rte.redo'), '↷', () => chain().redo().run(), undefined, !s.canRedo)}
        </div>
      </div>
      {panel === 'link' && <LinkPanel editor={editor} onClose={() => setPanel(null)} />}
      {panel === 'image' && (
        <ImagePicker
          courseId={p.courseId}
          lessonId={p.lessonId}
          onClose={() => {
            setPanel(null);
            editor.commands.focus();
          }}
          onPick={(src, alt) => {
            chain().setImage({ src, alt }).run();
            setPanel(null);
          }}
        />
      )}
      <EditorContent editor={editor} />
    </div>
  );
}
