#!/usr/bin/env node
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { englishWordLines, englishWordsFile } from '../search/question/english.js';

/**
 * Part of the build: writes the spoken-English word list as sorted lines, so that a process looks
 * words up by binary search after a plain read instead of parsing 3.6 MB of JSON at every start.
 */
const file = englishWordsFile();
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, englishWordLines().join('\n'));
