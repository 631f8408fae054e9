// Original file: proto/telsentry/v1/finding.proto

export const FindingStatus = {
  FINDING_STATUS_UNSPECIFIED: 'FINDING_STATUS_UNSPECIFIED',
  FINDING_STATUS_OPEN: 'FINDING_STATUS_OPEN',
  FINDING_STATUS_CONFIRMED: 'FINDING_STATUS_CONFIRMED',
  FINDING_STATUS_DISMISSED: 'FINDING_STATUS_DISMISSED',
} as const;

export type FindingStatus =
  | 'FINDING_STATUS_UNSPECIFIED'
  | 0
  | 'FINDING_STATUS_OPEN'
  | 1
  | 'FINDING_STATUS_CONFIRMED'
  | 2
  | 'FINDING_STATUS_DISMISSED'
  | 3

export type FindingStatus__Output = typeof FindingStatus[keyof typeof FindingStatus]
