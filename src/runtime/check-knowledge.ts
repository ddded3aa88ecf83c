import { join, relative } from 'node:path';
import { MAX_SNIPPET_CHARS } from '../answer/snippet.js';
import type { Engine } from '../engine-types.js';
import { createAnalyzer } from '../search/question/analyzer.js';
import { ALIAS_FILE, readKnowledge, type Knowledge, type KnowledgeProblem, type LoadedKnowledge } from '../knowledge/load.js';
import type { ReadLimits } from '../knowledge/read-text.js';
import { splitPassages } from '../knowledge/passages.js';

export interface KnowledgeReport {
  /** What stops the knowledge from loading: the bot would refuse to start or to reload. */
  faults: KnowledgeProblem[];
  /** What loads but works less well: passages quoted trimmed, alias groups that find nothing. */
  warnings: KnowledgeProblem[];
  /** Counts over what did load (faulty files are left out). */
  stats: Engine['stats'];
}

/**
 * Checks the knowledge in `dir` the way the bot loads it, and adds warnings about what the loader
 * accepts but answers badly. Never throws for bad knowledge: everything found is in the report.
 */
export async function checkKnowledge(dir: string, maxPassageChars = MAX_SNIPPET_CHARS, limits: ReadLimits = {}): Promise<KnowledgeReport> {
  let knowledge: LoadedKnowledge & { problems: KnowledgeProblem[] };
  try {
    knowledge = await readKnowledge(dir, limits);
  } catch (err) {
    const file = relative(process.cwd(), dir) || '.';
    const fault = { file, field: '', message: `cannot read the knowledge folder (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` };
    return { faults: [fault], warnings: [], stats: { articles: 0, passages: 0, aliases: 0 } };
  }
  const shown = (name: string) => relative(process.cwd(), join(dir, name)) || name;
  const warnings: KnowledgeProblem[] = [...knowledge.warnings];

  const passages = knowledge.articles.flatMap((article) => {
    const ps = splitPassages(article);
    for (const p of ps) {
      if (p.text.length <= maxPassageChars) continue;
      warnings.push({
        file: shown(article.file),
        field: `passage ${p.id}`,
        message: `${p.text.length} characters, over the ${maxPassageChars} an answer quotes whole, so it is shown trimmed ("${preview(p.text)}"); a line break between its facts makes shorter passages`,
      });
    }
    return ps;
  });

  for (const w of aliasWarnings(knowledge, passages.map((p) => p.text), shown(ALIAS_FILE))) warnings.push(w);
  const analyzer = createAnalyzer(knowledge.aliases, knowledge.glossary);
  return {
    faults: knowledge.problems,
    warnings,
    stats: { articles: knowledge.articles.length, passages: passages.length, aliases: analyzer.aliases.size },
  };
}

/**
 * An alias group helps only if some passage contains one of its names. The analyzer adds a group's
 * canonical term to every passage that mentions any of its names, in English or Chinese, so a group
 * whose canonical term is in no passage's index terms matches nothing. A single Chinese name absent
 * from English articles is expected; only whole groups are reported.
 */
function aliasWarnings(knowledge: Knowledge, passageTexts: string[], file: string): KnowledgeProblem[] {
  const analyzer = createAnalyzer(knowledge.aliases, knowledge.glossary);
  const indexed = new Set(passageTexts.flatMap((text) => analyzer.indexTerms(text)));
  const names = analyzer.aliases.names;
  const warnings: KnowledgeProblem[] = [];
  const groupOf = new Map<string, number>(); // lower-cased name → first group holding it

  let offset = 0; // `names` lists every group's names in table order
  knowledge.aliases.groups.forEach((group, g) => {
    const canonical = names[offset]?.canonical;
    offset += group.names.length;
    if (canonical && !indexed.has(canonical)) {
      warnings.push({ file, field: `groups.${g}`, message: `no passage mentions ${quoteNames(group.names)}: the group matches nothing in the knowledge` });
    }
    for (const name of new Set(group.names.map((n) => n.toLowerCase()))) {
      const other = groupOf.get(name);
      if (other === undefined) groupOf.set(name, g);
      else warnings.push({ file, field: `groups.${g}`, message: `"${name}" is also in groups.${other}: a question with it searches for both` });
    }
  });
  return warnings;
}

function quoteNames(names: string[]): string {
  const shownNames = names.slice(0, 3).map((n) => `"${n}"`).join(', ');
  return names.length > 3 ? `${shownNames} or its ${names.length - 3} other names` : shownNames;
}

function preview(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
