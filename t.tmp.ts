import { createPipeline, processText } from './pipeline/pipeline.ts';
import { quoteRecords } from './pipeline/records.ts';
const p = createPipeline();
for (const t of process.argv.slice(2)) {
  const r = quoteRecords(processText(p, t));
  console.log(t, '\n   ', r.map((q) => `${q.kind} [${q.text}] ${q.speaker} (${q.cue}/${q.cue_class}) ${q.rule}`).join('\n    ') || 'nothing');
}
