// Small line icons of the coding UI (16×16, currentColor).

export function MemoIcon({ size = 12 }: { size?: number }) {
  return (
    <svg viewBox="0 0 16 16" width={size} height={size} aria-hidden="true" className="icon">
      <path
        d="M3 2.5h7.5L13 5v8.5H3z M5.5 7h5M5.5 9.5h5M5.5 12h3"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.4"
        strokeLinejoin="round"
        strokeLinecap="round"
      />
    </svg>
  );
}

export function PinIcon({ size = 13, filled = false }: { size?: number; filled?: boolean }) {
  return (
    <svg viewBox="0 0 16 16" width={size} height={size} aria-hidden="true" className="icon">
      <path
        d="M9.5 2 14 6.5l-2 .5-2.5 2.5.5 3-1.5 1.5L2.5 8 4 6.5l3 .5L9.5 4.5z M5 11l-3 3"
        fill={filled ? 'currentColor' : 'none'}
        stroke="currentColor"
        strokeWidth="1.3"
        strokeLinejoin="round"
        strokeLinecap="round"
      />
    </svg>
  );
}

export function FilterIcon({ size = 13 }: { size?: number }) {
  return (
    <svg viewBox="0 0 16 16" width={size} height={size} aria-hidden="true" className="icon">
      <path
        d="M2.5 3h11l-4.25 5v4.5l-2.5 1.25V8z"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.4"
        strokeLinejoin="round"
      />
    </svg>
  );
}

export function SearchIcon({ size = 15 }: { size?: number }) {
  return (
    <svg viewBox="0 0 16 16" width={size} height={size} aria-hidden="true" className="search-icon">
      <circle cx="7" cy="7" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M10.5 10.5 14 14" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </svg>
  );
}

export function CheckIcon({ size = 12 }: { size?: number }) {
  return (
    <svg viewBox="0 0 16 16" width={size} height={size} aria-hidden="true" className="icon">
      <path
        d="m3 8.5 3.2 3L13 4.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

export function QuoteIcon({ size = 11 }: { size?: number }) {
  return (
    <svg viewBox="0 0 16 16" width={size} height={size} aria-hidden="true" className="icon">
      <path
        d="M2 9.5C2 6 3.5 4 6.5 3.5v2C5 6 4.5 7 4.5 8H7v5H2zm7 0C9 6 10.5 4 13.5 3.5v2C12 6 11.5 7 11.5 8H14v5H9z"
        fill="currentColor"
      />
    </svg>
  );
}
