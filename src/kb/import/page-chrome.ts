/**
 * Which parts of an exported page are the article and which are the wiki's chrome (breadcrumbs, menus,
 * comments, footers). Confluence space exports and SharePoint pages saved from the browser (classic and
 * modern) are the exports desks have; plain HTML falls back to <main>/<article>/<body>.
 */

/** The DOM members the import reads (turndown parses with domino; the project has no DOM typings). */
export type DomNode = {
  nodeName: string;
  nodeType: number;
  textContent: string | null;
  parentNode: DomNode | null;
  getAttribute?(name: string): string | null;
  getElementsByTagName?(name: string): ArrayLike<DomNode>;
  childNodes?: ArrayLike<DomNode>;
};

const attr = (node: DomNode, name: string): string => (node.nodeType === 1 ? node.getAttribute?.(name) ?? '' : '');
const classes = (node: DomNode): string[] => attr(node, 'class').split(/\s+/).filter(Boolean);

const CHROME_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'NAV', 'FOOTER', 'FORM', 'BUTTON', 'INPUT', 'SELECT', 'TEXTAREA',
  'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'LINK', 'META', 'TITLE', 'HEAD', 'TEMPLATE']);
const CHROME_IDS = new Set([
  // Confluence export
  'breadcrumb-section', 'breadcrumbs', 'main-header', 'title-heading', 'footer', 'navigation', 'likes-and-labels-container',
  'comments-section', 'page-children', 'children-section',
  // SharePoint classic (s4 master page) and modern (suite bar, site header, comments)
  's4-ribbonrow', 's4-titlerow', 'suiteBarTop', 'suiteBarDelta', 'SuiteNavWrapper', 'SuiteNavPlaceHolder', 'O365_NavHeader',
  'sideNavBox', 'DeltaPlaceHolderLeftNavBar', 'DeltaTopNavigation', 'DeltaPlaceHolderPageTitleInTitleArea', 'ms-designer-ribbon',
  'CommentsWrapper', 'spSiteHeader', 'spCommandBar', 'sp-appBar',
]);
const CHROME_CLASSES = new Set([
  'breadcrumbs', 'aui-nav-breadcrumbs', 'page-metadata', 'pageSection', 'footer-body', 'aui-nav', 'aui-header',
  'ms-breadcrumb', 'ms-breadcrumb-box', 'ms-hidden', 'ms-CommandBar', 'commandBarWrapper', 'ms-siteHeader', 'ms-HorizontalNav',
  'sp-pageLayout-footer', 'ms-FocusZone-toolbar',
]);
const CHROME_AUTOMATION_IDS = new Set(['pageHeader', 'CommentsWrapper', 'sp-socialbar', 'pageFooter', 'siteHeader', 'SiteHeader', 'spCommandBar']);
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'search', 'toolbar', 'menubar']);

/** Whether an element is page chrome that never belongs in an article. */
export function isChrome(node: DomNode): boolean {
  if (node.nodeType !== 1) return false;
  if (CHROME_TAGS.has(node.nodeName)) return true;
  if (CHROME_IDS.has(attr(node, 'id'))) return true;
  if (classes(node).some((c) => CHROME_CLASSES.has(c))) return true;
  if (CHROME_AUTOMATION_IDS.has(attr(node, 'data-automation-id'))) return true;
  // A <header> or hidden element is chrome; an element a screen reader should skip is not article text either.
  if (node.nodeName === 'HEADER' || attr(node, 'hidden') !== '' || attr(node, 'aria-hidden') === 'true') return node.nodeName !== 'IMG';
  return CHROME_ROLES.has(attr(node, 'role'));
}

/**
 * Rank of an element that holds the article text (lower is more specific), or undefined. When a page has
 * a Confluence or SharePoint content area, only that area is imported; otherwise main/article/body.
 */
export function contentRootRank(node: DomNode): number | undefined {
  if (node.nodeType !== 1) return undefined;
  const id = attr(node, 'id');
  const cls = classes(node);
  if (id === 'main-content' || cls.includes('wiki-content')) return 0;
  if (attr(node, 'data-sp-feature-tag') === 'Rich Text Editor' || cls.includes('ms-rtestate-field')) return 1;
  if (node.nodeName === 'MAIN' || node.nodeName === 'ARTICLE' || attr(node, 'role') === 'main') return 2;
  return undefined;
}

/** Where the page came from, for the report. */
export function exportKind(html: string): 'confluence' | 'sharepoint' | 'html' {
  if (/id="main-content"|confluence/i.test(html.slice(0, 20_000))) return 'confluence';
  if (/sharepoint|ms-rtestate-field|data-sp-feature-tag|_spPageContextInfo/i.test(html)) return 'sharepoint';
  return 'html';
}

/** Title text a page's own markup gives, best first: Confluence title, SharePoint page header, <title>. */
export function titleCandidate(node: DomNode): { rank: number; text: string } | undefined {
  if (node.nodeType !== 1) return undefined;
  const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  if (attr(node, 'id') === 'title-text') return { rank: 0, text: text.replace(/^[^:：]{1,80}\s[:：]\s/, '') };
  if (attr(node, 'data-automation-id') === 'pageTitle' || attr(node, 'id') === 'pageTitle') return { rank: 1, text };
  if (node.nodeName === 'TITLE') return { rank: 3, text: text.replace(/\s+[-|–]\s+[^-|–]+$/, '') };
  if (node.nodeName === 'H1') return { rank: 2, text };
  return undefined;
}

/** Text of the page's "last modified" line (Confluence page metadata, SharePoint's published/modified meta). */
export function modifiedCandidate(node: DomNode): string | undefined {
  if (node.nodeType !== 1) return undefined;
  if (classes(node).includes('page-metadata')) return node.textContent ?? undefined;
  // SharePoint: the modern page header's publish date, the classic wiki page's "last modified" line.
  if (/publishdate|lastmodified/i.test(`${attr(node, 'id')} ${attr(node, 'data-automation-id')}`)) return node.textContent ?? undefined;
  if (node.nodeName === 'META' && /modified|updated|date/i.test(attr(node, 'name') + attr(node, 'property'))) return attr(node, 'content');
  if (node.nodeName === 'TIME' && attr(node, 'datetime')) return attr(node, 'datetime');
  return undefined;
}

/** Labels a Confluence page lists, or SharePoint's keywords meta. */
export function labelCandidates(node: DomNode): string[] {
  if (node.nodeType !== 1) return [];
  if (node.nodeName === 'META' && /keywords/i.test(attr(node, 'name'))) return attr(node, 'content').split(/[,;，；]/);
  if (node.nodeName === 'A' && classes(node).includes('aui-label-split-main')) return [node.textContent ?? ''];
  return [];
}
