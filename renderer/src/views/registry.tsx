import type { ComponentType } from 'react';
import { CodebookView } from './codebook/CodebookView';
import { DocumentsView } from './DocumentsView';
import { CompareView } from './compare/CompareView';
import { AiCodingView } from './ai/AiCodingView';
import { CalibrationView } from './calibration/CalibrationView';
import { ReviewView } from './review/ReviewView';

/**
 * The workbench's views, in tab order. A feature adds its view here (one line);
 * the top bar and the layout need no other change.
 */
export interface ViewDef {
  id: string;
  title: string;
  component: ComponentType;
}

export const VIEWS: ViewDef[] = [
  { id: 'documents', title: 'Documents', component: DocumentsView },
  { id: 'codebook', title: 'Codebook', component: CodebookView },
  { id: 'ai', title: 'AI coding', component: AiCodingView },
  { id: 'calibration', title: 'Calibration', component: CalibrationView },
  { id: 'review', title: 'Review', component: ReviewView },
  { id: 'compare', title: 'Compare', component: CompareView },
];
