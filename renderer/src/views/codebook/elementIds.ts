// Element ids the codebook view's parts focus each other by (the tree, the name field, the search).
export const CODE_TREE_ID = 'code-tree';
export const CODE_NAME_INPUT_ID = 'code-name';
export const CODEBOOK_SEARCH_ID = 'codebook-search';
