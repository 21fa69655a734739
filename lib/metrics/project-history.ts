import type { History } from './facts';
import { deploymentColumns, releaseColumns } from './facts-columns';

/**
 * The part of a history one project's metrics depend on: its deployments and its releases, with the same
 * dimensions. Every DORA figure of a project is its own — streams are project + channel + environment +
 * tenant, release order is per project + channel — so a project's panel prepares this instead of the whole
 * space: on a million deployments, a few thousand rows to sort and walk rather than all of them. Rows keep
 * their order; release references are renumbered into the subset.
 *
 * @example
 * projectHistory(history, 3).deployments.length //=> the number of deployments with project 3
 */
export function projectHistory(history: History, project: number): History {
  const d = history.deployments;
  const r = history.releases;
  // The project's releases, and any other a deployment of it names (never in Octopus's data, but then the
  // figures must still be those of the whole history).
  const keep = new Uint8Array(r.length);
  for (let i = 0; i < r.length; i++) if (r.project[i] === project) keep[i] = 1;
  let deployments = 0;
  for (let i = 0; i < d.length; i++) {
    if (d.project[i] !== project) continue;
    deployments++;
    if (d.release[i] >= 0 && d.release[i] < r.length) keep[d.release[i]] = 1;
  }
  const releaseAt = new Int32Array(r.length).fill(-1);
  let releases = 0;
  for (let i = 0; i < r.length; i++) if (keep[i]) releaseAt[i] = releases++;

  const outR = releaseColumns(releases);
  for (let i = 0, k = 0; i < r.length; i++) {
    if (releaseAt[i] < 0) continue;
    outR.id[k] = r.id[i];
    outR.project[k] = r.project[i];
    outR.channel[k] = r.channel[i];
    outR.version[k] = r.version[i];
    outR.assembled[k] = r.assembled[i];
    outR.blocked[k] = r.blocked[i];
    k++;
  }
  const outD = deploymentColumns(deployments);
  for (let i = 0, k = 0; i < d.length; i++) {
    if (d.project[i] !== project) continue;
    outD.id[k] = d.id[i];
    outD.project[k] = project;
    outD.environment[k] = d.environment[i];
    outD.channel[k] = d.channel[i];
    outD.tenant[k] = d.tenant[i];
    outD.release[k] = d.release[i] >= 0 && d.release[i] < r.length ? releaseAt[d.release[i]] : -1;
    outD.state[k] = d.state[i];
    outD.guidedFailure[k] = d.guidedFailure[i];
    outD.created[k] = d.created[i];
    outD.queued[k] = d.queued[i];
    outD.started[k] = d.started[i];
    outD.completed[k] = d.completed[i];
    k++;
  }
  return { deployments: outD, releases: outR, dims: history.dims };
}
