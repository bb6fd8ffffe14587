import { readFileSync } from 'node:fs';
import type { RecommendationDocument } from '../../src/advisor/document-schema.js';
import type { CostReport } from '../../src/cost/report-schema.js';
import { benchSummarySchema, requestRecordSchema, type BenchSummary, type RequestRecord } from '../../src/report/bench-input.js';

const read = (name: string) => readFileSync(new URL(`../fixtures/bench/${name}`, import.meta.url), 'utf8');

export const benchFixture = (name: string): BenchSummary => benchSummarySchema.parse(JSON.parse(read(name)));
export const requestsFixture = (): RequestRecord[] => read('us-east/requests.jsonl').trim().split('\n').map((l) => requestRecordSchema.parse(JSON.parse(l)));
export const chooseFixture = (): RecommendationDocument => JSON.parse(read('choose.json'));
export const costFixture = (): CostReport => JSON.parse(read('cost.json'));
