/**
 * A stub DNS server on 127.0.0.1 (UDP, a random port) for MX lookups, built with
 * dns-packet: each domain answers as configured (MX records, a null MX, no records,
 * NXDOMAIN, SERVFAIL, or silence for a time-out); unknown domains are NXDOMAIN. Every
 * question is logged. ENRICHMENT_DNS=127.0.0.1:<port> points the enrichment worker at it.
 */
import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import dnsPacket from 'dns-packet';

export type DnsAnswer =
  | { mx: { exchange: string; priority: number }[] }
  | 'null_mx'
  | 'nodata'
  | 'nxdomain'
  | 'servfail'
  | 'timeout';

export interface StubDns {
  /** ip:port, as ENRICHMENT_DNS takes it. */
  server: string;
  /** Each question received: domain (lower case) and type. */
  queries: { name: string; type: string }[];
  set(domain: string, answer: DnsAnswer): void;
  queriesOf(domain: string): number;
  close(): Promise<void>;
}

const RD = 1 << 8;
const RA = 1 << 7;
const RCODE = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3 } as const;

export async function startStubDns(initial: Record<string, DnsAnswer> = {}): Promise<StubDns> {
  const answers = new Map<string, DnsAnswer>(Object.entries(initial).map(([d, a]) => [d.toLowerCase(), a]));
  const queries: { name: string; type: string }[] = [];
  const socket = dgram.createSocket('udp4');

  socket.on('message', (msg, rinfo) => {
    let query: dnsPacket.Packet;
    try {
      query = dnsPacket.decode(msg);
    } catch {
      return;
    }
    const q = query.questions?.[0];
    if (!q) return;
    const name = q.name.toLowerCase();
    queries.push({ name, type: q.type });
    const answer = answers.get(name) ?? 'nxdomain';
    if (answer === 'timeout') return;
    let rcode: number = RCODE.NOERROR;
    const records: dnsPacket.Answer[] = [];
    if (answer === 'nxdomain') rcode = RCODE.NXDOMAIN;
    else if (answer === 'servfail') rcode = RCODE.SERVFAIL;
    else if (q.type === 'MX' && answer === 'null_mx') records.push({ type: 'MX', name: q.name, ttl: 300, data: { preference: 0, exchange: '.' } });
    else if (q.type === 'MX' && typeof answer === 'object') {
      for (const r of answer.mx) records.push({ type: 'MX', name: q.name, ttl: 300, data: { preference: r.priority, exchange: r.exchange } });
    }
    const response = dnsPacket.encode({
      id: query.id,
      type: 'response',
      flags: RD | RA | rcode,
      questions: query.questions,
      answers: records,
    });
    socket.send(response, rinfo.port, rinfo.address);
  });

  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => resolve());
  });
  const { port } = socket.address() as AddressInfo;
  return {
    server: `127.0.0.1:${port}`,
    queries,
    set: (domain, answer) => void answers.set(domain.toLowerCase(), answer),
    queriesOf: (domain) => queries.filter((q) => q.name === domain.toLowerCase()).length,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
