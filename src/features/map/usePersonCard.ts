import { type KeyboardEvent, useState } from 'react';
import type { MapPerson } from '../../lib/mapApi';

/**
 * Whose card the map shows: the person hovered or focused, or the one pinned by a click or Enter.
 * A pinned card stays while the pointer or the focus passes over others; Enter again or Escape
 * unpins it.
 */
export function usePersonCard() {
  const [active, setActive] = useState<{ address: string; pinned: boolean } | null>(null);
  const show = (p: MapPerson) =>
    setActive((a) =>
      a?.pinned && a.address !== p.address ? a : { address: p.address, pinned: a?.pinned ?? false },
    );
  const hide = (p: MapPerson) => setActive((a) => (a && !a.pinned && a.address === p.address ? null : a));
  const pin = (p: MapPerson) => setActive({ address: p.address, pinned: true });
  const onKeyDown = (e: KeyboardEvent, p: MapPerson) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      setActive((a) => (a?.pinned && a.address === p.address ? null : { address: p.address, pinned: true }));
    } else if (e.key === 'Escape') setActive(null);
  };
  const isPinned = (p: MapPerson) => Boolean(active?.pinned && active.address === p.address);
  return { active, show, hide, pin, onKeyDown, isPinned };
}

export type PersonCardState = ReturnType<typeof usePersonCard>;
