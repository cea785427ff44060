import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { RunEngine1764100000000 } from './1764100000000-run-engine';
import { LanggraphCheckpoints1764200000000 } from './1764200000000-langgraph-checkpoints';
import { IdempotencyKeys1764300000000 } from './1764300000000-idempotency-keys';
import { RunLevelComments1764400000000 } from './1764400000000-run-level-comments';
import { RunSweepIndex1764500000000 } from './1764500000000-run-sweep-index';
import { CheckpointLz41764600000000 } from './1764600000000-checkpoint-lz4';
import { ArtifactBundles1764700000000 } from './1764700000000-artifact-bundles';
import { CheckpointRetention1764800000000 } from './1764800000000-checkpoint-retention';

/**
 * Every migration, oldest first. Imported as classes (no glob) so the list loads the same way under Jest,
 * from dist/, and in a bundle. Append new migrations at the end; never edit one that has shipped.
 */
export const migrations = [
  InitialSchema1764000000000,
  RunEngine1764100000000,
  LanggraphCheckpoints1764200000000,
  IdempotencyKeys1764300000000,
  RunLevelComments1764400000000,
  RunSweepIndex1764500000000,
  CheckpointLz41764600000000,
  ArtifactBundles1764700000000,
  CheckpointRetention1764800000000,
];
