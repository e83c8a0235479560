import type { ComponentType } from 'react';
import { DocumentsView } from './DocumentsView';

/**
 * The workbench's views, in tab order. A feature adds its view here (one line);
 * the top bar and the layout need no other change.
 */
export interface ViewDef {
  id: string;
  title: string;
  component: ComponentType;
}

export const VIEWS: ViewDef[] = [{ id: 'documents', title: 'Documents', component: DocumentsView }];
