import { escapeHtml } from '../render/escape-html.js';
import { siteUrl } from '../render/site-urls.js';
import { xmlSafe } from './xml-safe.js';

/** sitemap.xml (sitemaps.org 0.9): every page's absolute address. */
export function sitemap(base: string, paths: readonly string[]): string {
  const urls = paths.map((path) => `  <url><loc>${escapeHtml(siteUrl(base, path))}</loc></url>\n`).join('');
  return xmlSafe(`<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}</urlset>\n`);
}

/** robots.txt: where the sitemap is; a private site has its pages marked noindex instead. */
export function robotsTxt(base: string, isPrivate: boolean, sitemapPath: string): string {
  return isPrivate ? 'User-agent: *\nAllow: /\n' : `User-agent: *\nAllow: /\n\nSitemap: ${siteUrl(base, sitemapPath)}\n`;
}
