import { Reader } from '../components/reader/Reader';
import { DocumentSidebar } from '../components/sidebar/DocumentSidebar';

/** Documents and the transcript reader. */
export function DocumentsView() {
  return (
    <div className="workspace">
      <DocumentSidebar />
      <Reader />
    </div>
  );
}
