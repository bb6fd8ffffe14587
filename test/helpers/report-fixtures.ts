import { readFileSync } from 'node:fs';
import type { RecommendationDocument } from '../../src/advisor/document-schema.js';
import type { CostReport } from '../../src/cost/report-schema.js';
import { benchViewSchema, requestRecordSchema, upgradeBenchDocument, type BenchView, type RequestRecord } from '../../src/report/bench-input.js';

/**
 * Real bench results, written by scripts/make-bench-fixtures.js: the CLI run against the emulators (the demo
 * profile, a few injected faults, cache allowed). us-east is an --out folder; the others are summary.json files.
 * They are version 1 summaries, read as every reader reads them: upgraded to today's shape.
 */
const read = (name: string) => readFileSync(new URL(`../fixtures/bench/${name}`, import.meta.url), 'utf8');

export const benchFixture = (name: string): BenchView => benchViewSchema.parse(upgradeBenchDocument(JSON.parse(read(name))));
export const requestsFixture = (): RequestRecord[] => read('us-east/requests.jsonl').trim().split('\n').map((l) => requestRecordSchema.parse(JSON.parse(l)));
export const chooseFixture = (): RecommendationDocument => JSON.parse(read('choose.json'));
export const costFixture = (): CostReport => JSON.parse(read('cost.json'));
