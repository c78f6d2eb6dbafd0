import { type FSWatcher, watch as watchDir } from 'node:fs';
import type { Lang } from '../types/conversation';
import { type Article, loadArticles, readArticleDir } from './article';
import { KbIndex, type KbResult, type KbSearchOptions } from './kb-index';

/** Outcome of a reload: the new article count, or the errors that made us keep the old index. */
export type KbReloadResult = { ok: true; articles: number } | { ok: false; errors: Error[] };

/** Options of `KnowledgeBase.watch`. */
export type KbWatchOptions = {
  /** Editors write a file in several steps; wait this long after the last event before reloading. */
  debounceMs?: number;
  onReload?: (result: KbReloadResult) => void;
};

/** The article folder, indexed, and kept current while the bot runs. */
export class KnowledgeBase {
  private constructor(
    readonly dir: string,
    private articleList: Article[],
    private index: KbIndex,
  ) {}

  /** Load and index a folder; a bad article throws (start-up stops with the file and field named). */
  static load(dir: string): KnowledgeBase {
    const articles = loadArticles(dir);
    return new KnowledgeBase(dir, articles, KbIndex.build(articles));
  }

  /** Every loaded article version. */
  get articles(): readonly Article[] {
    return this.articleList;
  }

  /** Best articles for a query; see KbIndex.search. */
  search(query: string, options?: KbSearchOptions): KbResult[] {
    return this.index.search(query, options);
  }

  /** An article in the wanted language, else its other version. */
  get(id: string, lang: Lang = 'en'): Article | undefined {
    return this.index.get(id, lang);
  }

  /** Re-read the folder; when any article is invalid the old index stays and the errors are returned. */
  reload(): KbReloadResult {
    let read: { articles: Article[]; errors: Error[] };
    try {
      read = readArticleDir(this.dir);
    } catch (error) {
      return { ok: false, errors: [error as Error] };
    }
    if (read.errors.length > 0) return { ok: false, errors: read.errors };
    this.index = KbIndex.build(read.articles);
    this.articleList = read.articles;
    return { ok: true, articles: read.articles.length };
  }

  /** Reload when files in the folder change; returns the function that stops watching. */
  watch(options: KbWatchOptions = {}): () => void {
    const debounceMs = options.debounceMs ?? 150;
    let timer: NodeJS.Timeout | undefined;
    const watcher: FSWatcher = watchDir(this.dir, { persistent: false }, (_event, name) => {
      if (name !== null && !String(name).endsWith('.md')) return;
      clearTimeout(timer);
      timer = setTimeout(() => options.onReload?.(this.reload()), debounceMs);
    });
    // A folder deleted under us must not crash the bot: keep serving the old index.
    watcher.on('error', (error) => options.onReload?.({ ok: false, errors: [error] }));
    return () => {
      clearTimeout(timer);
      watcher.close();
    };
  }
}
