import type { DocumentRow } from '../../../../shared/contract/documents';
import { ROW_TAGS } from '../../format/attributes';
import { formatCount } from '../../format/count';

interface Props {
  doc: DocumentRow;
  selected: boolean;
  open: boolean;
  onOpen(): void;
}

export function DocumentListRow({ doc, selected, open, onOpen }: Props) {
  const tags = ROW_TAGS.map((name) => [name, doc.attributes[name]] as const).filter(([, v]) => v);
  const classes = ['doc-row', selected && 'is-selected', open && 'is-open'].filter(Boolean).join(' ');
  return (
    <div
      id={`doc-row-${doc.id}`}
      role="option"
      aria-selected={selected}
      aria-current={open || undefined}
      className={classes}
      onClick={onOpen}
      data-testid="document-row"
      data-document-id={doc.id}
    >
      <div className="doc-row-top">
        <span className="doc-name" title={doc.name} data-testid="document-name">
          {doc.name}
        </span>
        <span className="doc-format">{doc.format}</span>
      </div>
      <div className="doc-row-meta">
        <span data-testid="document-segments">{formatCount(doc.segments)} segments</span>
        <span aria-hidden="true">·</span>
        <span>{formatCount(doc.words)} words</span>
      </div>
      {tags.length > 0 && (
        <div className="doc-row-tags">
          {tags.map(([name, value]) => (
            <span key={name} className={`tag tag-${name}`} data-value={value} title={`${name}: ${value}`}>
              {value}
            </span>
          ))}
        </div>
      )}
    </div>
  );
}
