import { describe, expect, it } from 'vitest';
import { StoryClusterer, type ClusterItem } from '../../../src/services/stories/story-clusterer.js';

const at = (hours: number): Date => new Date(Date.UTC(2026, 10, 2, 8) + hours * 3_600_000);
const item = (id: string, title: string, hours: number, outlet?: string): ClusterItem => ({ id, title, publishedAt: at(hours), outlet: outlet ?? null });

const HEADLINES: ClusterItem[] = [
  item('a1', 'Harbour crane collapse injures two dock workers in Port Vell', 0, 'Coast Herald'),
  item('b1', 'Orrin Valley council approves new seawall budget', 0.2, 'Valley Times'),
  item('a2', 'Two injured as crane collapses at Port Vell harbour', 0.5, 'Daily Tide'),
  item('b2', 'Seawall budget passes Orrin Valley council vote', 0.7, 'Orrin Post'),
  item('a3', 'Port Vell crane collapse: dock workers union demands inquiry', 1.5, 'Wire Service'),
  item('c1', 'Lumen Labs unveils solar-powered delivery drone', 2, 'Tech Daily'),
];

describe('StoryClusterer', () => {
  it('puts headlines of the same event in one story and other events in others', () => {
    const clusterer = new StoryClusterer();
    const story = new Map(HEADLINES.map((h) => [h.id, clusterer.assign(h).storyId]));
    expect(story.get('a2')).toBe(story.get('a1'));
    expect(story.get('a3')).toBe(story.get('a1'));
    expect(story.get('b2')).toBe(story.get('b1'));
    expect(story.get('b1')).not.toBe(story.get('a1'));
    expect(story.get('c1')).not.toBe(story.get('a1'));
    expect(story.get('c1')).not.toBe(story.get('b1'));
  });

  it('starts a story named by newStoryId and reports it as new', () => {
    const clusterer = new StoryClusterer({ newStoryId: (first) => `story-${first.id}` });
    expect(clusterer.assign(HEADLINES[0] as ClusterItem)).toEqual({ storyId: 'story-a1', isNew: true, mergedStoryIds: [], score: 0 });
    const joined = clusterer.assign(HEADLINES[2] as ClusterItem);
    expect(joined.storyId).toBe('story-a1');
    expect(joined.isNew).toBe(false);
    expect(joined.score).toBeGreaterThan(0);
  });

  it('merges two stories that an article bridges into the older one', () => {
    const clusterer = new StoryClusterer();
    clusterer.assign(item('x1', 'Dock workers walk out at Port Brann', 0));
    clusterer.assign(item('y1', 'Ferry services to the Isle of Keld cancelled', 0.5));
    const bridge = clusterer.assign(item('z1', 'Port Brann dock walkout cancels Isle of Keld ferry services', 1));
    expect(bridge).toMatchObject({ storyId: 'x1', isNew: false, mergedStoryIds: ['y1'] });
    expect(clusterer.storyCount).toBe(1);
  });

  it('keeps one story for an id when an article comes twice', () => {
    const clusterer = new StoryClusterer();
    clusterer.assign(item('c1', 'Lumen Labs unveils solar-powered delivery drone', 0));
    const again = clusterer.assign(item('c1', 'Quarry fire closes Route 9 near Dunmore', 1));
    expect(again).toMatchObject({ storyId: 'c1', isNew: false });
    expect(clusterer.storyCount).toBe(1);
  });

  it('joins restored stories without reassigning their articles', () => {
    const clusterer = new StoryClusterer();
    clusterer.restore([{ ...(HEADLINES[0] as ClusterItem), storyId: 'stored-7' }]);
    expect(clusterer.assign(HEADLINES[2] as ClusterItem).storyId).toBe('stored-7');
  });

  it('forgets stories older than the window', () => {
    const clusterer = new StoryClusterer({ windowHours: 24 });
    clusterer.assign(HEADLINES[0] as ClusterItem);
    const later = clusterer.assign({ ...(HEADLINES[2] as ClusterItem), publishedAt: at(30) });
    expect(later.isNew).toBe(true);
    expect(clusterer.storyCount).toBe(1);
  });

  it('weighs the time to a story, before or after it, against the words shared', () => {
    const clusterer = new StoryClusterer();
    clusterer.assign(item('a1', 'Harbour crane collapse injures two dock workers in Port Vell', 100));
    expect(clusterer.assign(item('old', 'Port Vell dock workers injured', 10)).isNew).toBe(true);
    expect(clusterer.assign(item('near', 'Port Vell dock workers injured', 99)).isNew).toBe(false);
  });

  it('holds only the stories of the window however long the stream runs', () => {
    // Every hour an unrelated story, named by invented words spelt from the hour's digits.
    const name = (hour: number): string => [...String(hour)].map((d) => 'bkmrtvzlqn'[Number(d)]).join('a');
    const clusterer = new StoryClusterer({ windowHours: 24 });
    for (let hour = 0; hour < 24 * 20; hour += 1) clusterer.assign(item(`h${hour}`, `${name(hour)}ox ${name(hour)}ix ${name(hour)}ur`, hour));
    expect(clusterer.storyCount).toBe(25);
  });

  it('does not join a story on a word that many stories share', () => {
    const clusterer = new StoryClusterer();
    const councils = ['Hollin council names a new harbour master', 'Tarn council delays its tram depot plan', 'Esk council rejects a parking charge rise', 'Wyre council opens a flood shelter'];
    councils.forEach((title, i) => clusterer.assign(item(`k${i}`, title, -2 + i * 0.1)));
    for (const h of HEADLINES) clusterer.assign(h);
    expect(clusterer.assign(item('d1', 'Council elections set for spring in Marrow County', 3)).isNew).toBe(true);
  });
});
