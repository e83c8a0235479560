import { useId, useState, type DragEvent } from 'react';
import { formatBytes } from './formatBytes';

interface Props {
  label: string;
  hint: string;
  accept: string;
  multiple: boolean;
  files: File[];
  onAdd(files: File[]): void;
  onRemove(file: File): void;
  testId: string;
}

/** A file input styled as a drop zone; the real <input> stays in the tab order. */
export function FilePicker({ label, hint, accept, multiple, files, onAdd, onRemove, testId }: Props) {
  const id = useId();
  const [dragging, setDragging] = useState(false);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const dropped = [...e.dataTransfer.files];
    if (dropped.length) onAdd(multiple ? dropped : dropped.slice(0, 1));
  };

  return (
    <div className="file-picker">
      <label
        htmlFor={id}
        className={dragging ? 'drop-zone is-dragging' : 'drop-zone'}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <span className="drop-zone-title">{label}</span>
        <span className="drop-zone-hint">{hint}</span>
        <input
          id={id}
          type="file"
          className="visually-hidden-input"
          accept={accept}
          multiple={multiple}
          onChange={(e) => {
            const chosen = [...(e.target.files ?? [])];
            e.target.value = ''; // choosing the same file again must fire change again
            if (chosen.length) onAdd(chosen);
          }}
          data-testid={testId}
        />
      </label>
      {files.length > 0 && (
        <ul className="file-list" aria-label={`${label}: chosen files`}>
          {files.map((f) => (
            <li key={`${f.name}:${f.size}:${f.lastModified}`} className="file-item">
              <span className="file-name" title={f.name}>
                {f.name}
              </span>
              <span className="file-size">{formatBytes(f.size)}</span>
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove ${f.name}`}
                onClick={() => onRemove(f)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
