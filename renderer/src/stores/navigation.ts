import { create } from 'zustand';

/** Which workbench view is showing (ids come from views/registry.tsx). */
interface NavigationState {
  view: string;
  show(view: string): void;
}

export const useNavigation = create<NavigationState>((set) => ({
  view: 'documents',
  show: (view) => set({ view }),
}));
