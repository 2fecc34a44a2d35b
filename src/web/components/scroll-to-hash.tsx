import { useEffect } from 'react';
import { useLocation } from 'react-router';

/** Room for the sticky header above a spot scrolled to. */
const HEADER_OFFSET = 72;

/**
 * Links into a page (`/meetings/…#topic-…` from search results and the review's problem list) land on
 * the spot: once the element with the hash's id appears — pages load their data first — it is scrolled
 * to below the header and focused when focusable. Gives up after a few seconds.
 */
export function ScrollToHash() {
  const { hash, pathname } = useLocation();
  useEffect(() => {
    if (!hash || hash.length < 2) return;
    let id: string;
    try {
      id = decodeURIComponent(hash.slice(1));
    } catch {
      return;
    }
    const reach = () => {
      const el = document.getElementById(id);
      if (!el) return false;
      window.scrollTo({ top: el.getBoundingClientRect().top + window.scrollY - HEADER_OFFSET });
      if (el.hasAttribute('tabindex')) el.focus({ preventScroll: true });
      return true;
    };
    if (reach()) return;
    const observer = new MutationObserver(() => {
      if (reach()) observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true });
    const timer = window.setTimeout(() => observer.disconnect(), 5000);
    return () => {
      observer.disconnect();
      window.clearTimeout(timer);
    };
  }, [hash, pathname]);
  return null;
}
