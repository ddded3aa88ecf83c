#!/usr/bin/env node
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { chineseWordLines, chineseWordsFile } from '../search/question/chinese-words.js';

/**
 * Part of the build: writes CC-CEDICT's words and glosses as sorted lines, so that the first Chinese
 * question costs a plain read and binary searches instead of parsing 16 MB of JSON.
 */
const file = chineseWordsFile();
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, chineseWordLines().join('\n'));
