/**
 * Scan (one source reaching many hosts or many ports) thresholds, in one place.
 * Fan-out limits and the 5-minute window are Zeek's scan policy defaults
 * (policy/misc/scan.zeek: addr_scan_threshold = 25 hosts, port_scan_threshold = 15 ports,
 * both within 5 min). Flows carry no connection outcome, so the failed-attempt evidence of
 * Jung et al. 2004 (threshold random walk; scanners' attempts succeed with θ1 = 0.2 vs
 * θ0 = 0.8 for benign hosts) is approximated by the share of probe-like flows: tiny packets
 * (a bare SYN or empty UDP probe is 40–60 bytes on IPv4, RFC 791 + RFC 793 headers).
 */
export interface ScanThresholds {
  windowMs: number;
  /** Distinct destination hosts from one source within a window. */
  hostFanout: number;
  /** Distinct destination ports from one source within a window. */
  portFanout: number;
  /** Share of the source's flows that look like probes (≤ probeBytesPerPacket). */
  minProbeShare: number;
  probeBytesPerPacket: number;
  /** Flows a source needs in the window before it gets fan-out sketches. */
  candidateFlows: number;
  highFanout: number;
  criticalFanout: number;
}

export const SCAN_THRESHOLDS: Readonly<ScanThresholds> = Object.freeze({
  windowMs: 300_000, // Zeek addr_scan_interval / port_scan_interval = 5 min
  hostFanout: 25, // Zeek addr_scan_threshold
  portFanout: 15, // Zeek port_scan_threshold
  minProbeShare: 0.5, // Jung et al.: scanners fail ~80 % of attempts; half is a conservative cut
  probeBytesPerPacket: 80, // IPv6 bare SYN = 40 + 20 (+ options ≤ 20)
  candidateFlows: 10, // below the smaller fan-out threshold, so no scanner is missed
  highFanout: 250,
  criticalFanout: 2500,
});

export const SCAN_DETECTOR = 'scan@1';
