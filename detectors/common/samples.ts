/** Up to five record ids kept as evidence, in the order seen (Contract 3: sample_record_ids). */
export const MAX_SAMPLES = 5;

export function addSample(samples: string[], recordId: string): void {
  if (samples.length < MAX_SAMPLES && !samples.includes(recordId)) samples.push(recordId);
}
