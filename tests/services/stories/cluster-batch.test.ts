import { describe, expect, it } from 'vitest';
import { clusterBatch } from '../../../src/services/stories/cluster-batch.js';

const at = (minutes: number): Date => new Date(Date.UTC(2026, 10, 2, 8, minutes));

describe('clusterBatch', () => {
  it('clusters in order of publication and answers in input order', () => {
    const lines = clusterBatch([
      { id: 'late', title: 'Second ferry strike day strands Isle of Brann commuters', publishedAt: at(50) },
      { id: 'other', title: 'Museum of Glass reopens its east wing after repairs', publishedAt: at(20) },
      { id: 'early', title: 'Ferry strike strands Isle of Brann commuters', publishedAt: at(10) },
    ]);
    expect(lines.map((l) => l.id)).toEqual(['late', 'other', 'early']);
    expect(lines[0]?.story).toBe('early');
    expect(lines[1]?.story).toBe('other');
    expect(lines[2]?.story).toBe('early');
  });

  it('gives articles of an absorbed story the story that absorbed it', () => {
    const lines = clusterBatch([
      { id: 'x1', title: 'Dock workers walk out at Port Brann', publishedAt: at(0) },
      { id: 'y1', title: 'Ferry services to the Isle of Keld cancelled', publishedAt: at(30) },
      { id: 'z1', title: 'Port Brann dock walkout cancels Isle of Keld ferry services', publishedAt: at(60) },
    ]);
    expect(lines.map((l) => l.story)).toEqual(['x1', 'x1', 'x1']);
  });
});
