import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';

type Saver = { flush: () => Promise<void>; hasUnsaved: () => boolean };

/** The topics being edited on the page, so publishing can first save every one of them. */
export class MinutesSaves {
  private readonly savers = new Map<string, Saver>();

  register(id: string, saver: Saver): () => void {
    this.savers.set(id, saver);
    return () => {
      if (this.savers.get(id) === saver) this.savers.delete(id);
    };
  }

  /** Saves every topic with unsaved edits, and waits for saves under way. */
  async flushAll(): Promise<void> {
    await Promise.all([...this.savers.values()].map((s) => s.flush()));
  }

  hasUnsaved(): boolean {
    return [...this.savers.values()].some((s) => s.hasUnsaved());
  }
}

const MinutesSavesContext = createContext<MinutesSaves | null>(null);

/** Holds the page's topic savers, and asks before the tab is closed with edits not yet saved. */
export function MinutesSavesProvider({ children }: { children: ReactNode }) {
  const [saves] = useState(() => new MinutesSaves());
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (!saves.hasUnsaved()) return;
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [saves]);
  return <MinutesSavesContext.Provider value={saves}>{children}</MinutesSavesContext.Provider>;
}

export function useMinutesSaves(): MinutesSaves {
  const saves = useContext(MinutesSavesContext);
  if (!saves) throw new Error('useMinutesSaves outside MinutesSavesProvider');
  return saves;
}
