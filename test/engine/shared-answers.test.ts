import { BroadcastChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { clauseReading } from '../../pipeline/engine/clause-reading.ts';
import { sharingAnswers, startSharingAnswers, stopSharingAnswers, takeSharedAnswers } from '../../pipeline/engine/shared-answers.ts';
import { tagsOf } from '../../pipeline/engine/word-tags.ts';

// The channel the run's threads share; a second instance in this thread stands for another thread.
const CHANNEL_NAME = 'who-said-what:compromise-answers';

function otherThread(): { channel: BroadcastChannel; take: () => unknown[] } {
  const channel = new BroadcastChannel(CHANNEL_NAME);
  channel.onmessage = () => undefined; // starts it: what is posted is kept for receiveMessageOnPort
  const port = channel as unknown as MessagePort;
  return {
    channel,
    take: () => {
      const got: unknown[] = [];
      for (let message = receiveMessageOnPort(port); message !== undefined; message = receiveMessageOnPort(port)) got.push(message.message);
      return got;
    },
  };
}

const opened: BroadcastChannel[] = [];
/** Sharing on in this thread, and another thread listening on the run's channel. */
function sharingWithOther(): ReturnType<typeof otherThread> {
  startSharingAnswers();
  const other = otherThread();
  opened.push(other.channel);
  return other;
}
afterEach(() => {
  for (const channel of opened.splice(0)) channel.close();
  while (sharingAnswers()) stopSharingAnswers();
});

describe('compromise answers shared among threads', () => {
  it('keeps a reading another thread posted, and does not ask compromise for it', () => {
    const other = sharingWithOther();
    // compromise reads this as a noun phrase; the posted reading differs, so only the shared answer can give it.
    const words = 'plans by the Velmora council to widen the canal';
    other.channel.postMessage(['clause-reading', words, 'clause']);
    expect(clauseReading(words)).toBe('clause');
    // This thread asked nothing, so it posted nothing.
    expect(other.take()).toEqual([]);
  });

  it('posts what it asks compromise, for the other threads', () => {
    const other = sharingWithOther();
    const reading = clauseReading('the Orvanti ministers approved the budget on Tuesday');
    expect(reading).toBe('clause');
    expect(other.take()).toEqual([['clause-reading', 'the Orvanti ministers approved the budget on Tuesday', 'clause']]);
    const tags = tagsOf('Quenbridge');
    expect(other.take()).toEqual([['word-tags', 'Quenbridge', [...tags]]]);
  });

  it('takes word tags from another thread', () => {
    const other = sharingWithOther();
    other.channel.postMessage(['word-tags', 'zorblatted', ['Verb', 'PastTense']]);
    expect(takeSharedAnswers()).toBe(true);
    expect([...tagsOf('zorblatted')]).toEqual(['Verb', 'PastTense']);
  });

  it('ignores malformed answers', () => {
    const other = sharingWithOther();
    const words = 'the Brellan envoy said little';
    other.channel.postMessage(['clause-reading', words, 'certainly']);
    other.channel.postMessage(['word-tags', 'brellanish', [1, 2]]);
    other.channel.postMessage('not an answer');
    expect(clauseReading(words)).toBe('clause');
    expect(tagsOf('brellanish').has('1' as string)).toBe(false);
  });

  it('posts nothing and takes nothing while sharing is off', () => {
    const other = otherThread();
    opened.push(other.channel);
    other.channel.postMessage(['clause-reading', 'to the Dunmere harbour', 'clause']);
    expect(takeSharedAnswers()).toBe(false);
    expect(clauseReading('to the Dunmere harbour')).toBe('not-clause');
    expect(other.take()).toEqual([]);
  });

  it('closes the channel when the last user stops', () => {
    startSharingAnswers();
    startSharingAnswers();
    stopSharingAnswers();
    expect(sharingAnswers()).toBe(true);
    stopSharingAnswers();
    expect(sharingAnswers()).toBe(false);
  });
});
