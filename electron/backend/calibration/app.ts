import type { calibrationMethods } from '../../../shared/contract/calibration';
import { requireCoder } from '../agreement/selectCoders';
import type { HandlerMap } from '../rpc/handlers';
import { approveCoder, listApprovals, revokeApproval } from './approvals';
import { assignCoders, sampleProgress, unassignCoders } from './assignments';
import { consensusDisagreements, consensusStatus, resolveDisagreement, syncConsensus } from './consensus';
import { ensureConsensusCoder, requireConsensusCoder } from './consensusCoder';
import { recommendedSize } from './recommendedSize';
import { createSample, deleteSample, listSamples, sampleSegments, speakerCounts } from './samples';
import { validateOnHoldout } from './validation';

// Calibration workflow: samples, who codes them, consensus, approval and validation.
// Writes run in one transaction and leave a history entry (inside the modules). An AI
// coder codes a sample through the job engine: `jobs.start` with
// `selection: { kind: 'sample', name }`.

export const calibrationHandlers: HandlerMap<keyof typeof calibrationMethods> = {
  'calibration.recommendSize': (params) => recommendedSize(params),

  'calibration.speakers': (_p, { session }) => speakerCounts(session.requireProject().db),

  'calibration.samples.list': ({ purpose }, { session }) => listSamples(session.requireProject().db, purpose),

  'calibration.samples.create': (params, { session }) => {
    const p = session.requireProject();
    return p.transaction(() => createSample(p.db, params, session.user));
  },

  'calibration.samples.delete': ({ name }, { session }) => {
    const p = session.requireProject();
    return { deleted: p.transaction(() => deleteSample(p.db, name, session.user)) };
  },

  'calibration.samples.segments': ({ sample, coder, offset, limit }, { session }) => {
    const db = session.requireProject().db;
    return sampleSegments(db, sample, coder === undefined ? null : requireCoder(db, coder).id, offset, limit);
  },

  'calibration.assign': ({ sample, coders, blind }, { session }) => {
    const p = session.requireProject();
    return p.transaction(() => assignCoders(p.db, sample, coders, blind, session.user));
  },

  'calibration.unassign': ({ sample, coders }, { session }) => {
    const p = session.requireProject();
    return p.transaction(() => unassignCoders(p.db, sample, coders, session.user));
  },

  'calibration.progress': ({ sample }, { session }) => sampleProgress(session.requireProject().db, sample),

  'calibration.consensus.start': ({ sample, coders, name }, { session }) => {
    const p = session.requireProject();
    return p.transaction(() =>
      syncConsensus(p.db, ensureConsensusCoder(p.db, name, coders, session.user), sample, session.user),
    );
  },

  'calibration.consensus.status': ({ sample, name }, { session }) => {
    const db = session.requireProject().db;
    return consensusStatus(db, requireConsensusCoder(db, name), sample);
  },

  'calibration.consensus.disagreements': (
    { sample, name, includeResolved, codeKey, offset, limit },
    { session },
  ) => {
    const db = session.requireProject().db;
    return consensusDisagreements(db, requireConsensusCoder(db, name), sample, {
      includeResolved,
      codeKey,
      offset,
      limit,
    });
  },

  'calibration.consensus.resolve': ({ name, segmentId, codeKey, present, memo }, { session }) => {
    const p = session.requireProject();
    return p.transaction(() =>
      resolveDisagreement(
        p.db,
        requireConsensusCoder(p.db, name),
        { segmentId, codeKey, present, memo },
        session.user,
      ),
    );
  },

  'calibration.approve': ({ coder, runId, note }, { session }) => {
    const p = session.requireProject();
    return p.transaction(() => approveCoder(p.db, coder, runId, note, session.user));
  },

  'calibration.approvals': (_p, { session }) => listApprovals(session.requireProject().db),

  'calibration.revokeApproval': ({ id }, { session }) => {
    const p = session.requireProject();
    return p.transaction(() => revokeApproval(p.db, id, session.user));
  },

  'calibration.validate': (params, { session }) => {
    const p = session.requireProject();
    return p.transaction(() => validateOnHoldout(p.db, params, session.user));
  },
};
