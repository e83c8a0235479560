import { useState } from 'react';
import type { DocumentRow } from '../../../../shared/contract/documents';
import { plural } from '../../format/count';
import { formatDateTime } from '../../format/time';
import { AttributeEditor } from './AttributeEditor';
import { AttributeSummary } from './AttributeSummary';

export function ReaderHeader({ doc }: { doc: DocumentRow }) {
  const [editing, setEditing] = useState(false);
  return (
    <header className="reader-header" data-testid="reader-header">
      <div className="reader-title-row">
        <div className="reader-title-block">
          <h2 className="reader-title" title={doc.name} data-testid="reader-title">
            {doc.name}
          </h2>
          <p className="reader-meta">
            <span>{plural(doc.segments, 'segment')}</span>
            <span aria-hidden="true">·</span>
            <span>{plural(doc.words, 'word')}</span>
            <span aria-hidden="true">·</span>
            <span className="upper">{doc.format}</span>
            {doc.sourceFile && doc.sourceFile !== doc.name && (
              <>
                <span aria-hidden="true">·</span>
                <span className="truncate" title={doc.sourceFile}>
                  {doc.sourceFile}
                </span>
              </>
            )}
            <span aria-hidden="true">·</span>
            <span>Imported {formatDateTime(doc.importedAt)}</span>
          </p>
        </div>
        {!editing && (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => setEditing(true)}
            data-testid="edit-attributes"
          >
            Edit attributes
          </button>
        )}
      </div>
      {editing ? (
        <AttributeEditor key={doc.id} attributes={doc.attributes} onDone={() => setEditing(false)} />
      ) : (
        <AttributeSummary attributes={doc.attributes} />
      )}
    </header>
  );
}
