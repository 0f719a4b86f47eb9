// Hash partitioning of customers into shards. The hash is of the customer id string (FNV-1a, 32 bit),
// not of a dense index, so a customer stays in the same shard when other customers come and go.

/** Shard 0..nShards-1 of a customer id: stable across runs, machines and Node versions. */
export function shardOfCustomer(customerId: string, nShards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < customerId.length; i++) {
    h ^= customerId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % nShards;
}

/** For each shard, the dense customer indices it holds, ascending (the order its score rows come back in). */
export function customersByShard(customerIds: readonly string[], nShards: number): Int32Array[] {
  const counts = new Int32Array(nShards);
  const shardOf = Int32Array.from(customerIds, (id) => shardOfCustomer(id, nShards));
  for (const k of shardOf) counts[k]++;
  const out = Array.from(counts, (n) => new Int32Array(n));
  const fill = new Int32Array(nShards);
  shardOf.forEach((k, c) => {
    out[k][fill[k]++] = c;
  });
  return out;
}
