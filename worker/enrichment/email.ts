/**
 * Email checks: syntax, role mailboxes (role-based-email-addresses), disposable domains
 * (disposable-email-domains, a domain or any parent of it), and whether the domain has a
 * mail exchanger (an MX lookup through node:dns's Resolver, when ENRICHMENT_DNS allows one).
 */
import { Resolver } from 'node:dns/promises';
import { createRequire } from 'node:module';
import type { DnsSetting } from './config.ts';

const require = createRequire(import.meta.url);
const ROLE_LOCAL_PARTS: ReadonlySet<string> = new Set((require('role-based-email-addresses') as string[]).map((r) => r.toLowerCase()));
const DISPOSABLE_DOMAINS: ReadonlySet<string> = new Set((require('disposable-email-domains') as string[]).map((d) => d.toLowerCase()));

export interface EmailFacts {
  syntaxOk: boolean;
  /** Lower case; null when the address has no usable domain. */
  domain: string | null;
  isRole: boolean;
  isDisposable: boolean;
}

const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/i;
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;
const TOP_LABEL = /^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$/i;

/** A dot-atom local part (RFC 5322, no quoted forms) at a domain of two or more host labels. */
export function emailSyntaxOk(address: string): boolean {
  if (address.length > 254) return false;
  const at = address.lastIndexOf('@');
  if (at <= 0 || at !== address.indexOf('@')) return false;
  const local = address.slice(0, at);
  const labels = address.slice(at + 1).split('.');
  return (
    local.length <= 64 &&
    LOCAL_PART.test(local) &&
    labels.length >= 2 &&
    labels.every((l) => LABEL.test(l)) &&
    TOP_LABEL.test(labels[labels.length - 1]!)
  );
}

export function emailFacts(address: string): EmailFacts {
  const a = address.trim().toLowerCase();
  const syntaxOk = emailSyntaxOk(a);
  const at = a.lastIndexOf('@');
  const domain = at > 0 && at < a.length - 1 ? a.slice(at + 1) : null;
  // info+leads@ is still info@.
  const local = (at > 0 ? a.slice(0, at) : a).split('+')[0]!;
  const labels = domain?.split('.') ?? [];
  const isDisposable = labels.some((_, i) => i < labels.length - 1 && DISPOSABLE_DOMAINS.has(labels.slice(i).join('.')));
  return { syntaxOk, domain: syntaxOk ? domain : null, isRole: ROLE_LOCAL_PARTS.has(local), isDisposable };
}

/** found: a mail exchanger; none: NXDOMAIN, no MX records, or only a null MX (RFC 7505); inconclusive: SERVFAIL, a time-out, a refusal. */
export type MxAnswer = 'found' | 'none' | 'inconclusive';

export interface MxResolver {
  mx(domain: string): Promise<MxAnswer>;
}

/** null when ENRICHMENT_DNS is off: no MX lookups, nothing contacted. */
export function createMxResolver(dns: DnsSetting, timeoutMs: number): MxResolver | null {
  if (dns.mode === 'off') return null;
  const resolver = new Resolver({ timeout: timeoutMs, tries: 2 });
  if (dns.mode === 'servers') resolver.setServers(dns.servers);
  return {
    async mx(domain) {
      try {
        const records = await resolver.resolveMx(domain);
        // A null MX is one record whose exchange is the root (".", which node gives as "").
        return records.some((r) => r.exchange !== '' && r.exchange !== '.') ? 'found' : 'none';
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        return code === 'ENOTFOUND' || code === 'ENODATA' ? 'none' : 'inconclusive';
      }
    },
  };
}
