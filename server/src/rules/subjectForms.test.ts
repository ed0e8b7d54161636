import * as assert from 'assert';
import { SubjectForm } from '../aws/oidcProviders';
import { hasPolicyVariable, matchesEverything, matchesSomeForm, patternMatches, wildcardReach } from './subjectForms';

const GITHUB: SubjectForm[] = [
  { template: 'repo:{owner}/{repo}:ref:refs/heads/{branch}', meaning: '' },
  { template: 'repo:{owner}/{repo}:environment:{environment}', meaning: '' },
  { template: 'repo:{owner}/{repo}:pull_request', meaning: '' },
];
const TERRAFORM: SubjectForm[] = [{ template: 'organization:{org}:project:{project}:workspace:{ws}:run_phase:{phase|plan,apply}', meaning: '' }];

describe('subject forms', () => {
  it('match exact values only in full', () => {
    assert.ok(matchesSomeForm('repo:acme/app:ref:refs/heads/main', GITHUB, false));
    assert.ok(matchesSomeForm('repo:acme/app:pull_request', GITHUB, false));
    assert.ok(!matchesSomeForm('repo:acme/app', GITHUB, false));
    assert.ok(!matchesSomeForm('repo:acme/app:environment:prod:pull_request', GITHUB, false), 'a placeholder holds no ":"');
    assert.ok(!matchesSomeForm('repo:acme/app:ref:refs/heads/', GITHUB, false), 'a placeholder is never empty');
    assert.ok(!matchesSomeForm('repo:acme/app:*', GITHUB, false), 'under StringEquals "*" is a character');
  });

  it('choices are alternatives', () => {
    assert.ok(matchesSomeForm('organization:a:project:p:workspace:w:run_phase:apply', TERRAFORM, false));
    assert.ok(!matchesSomeForm('organization:a:project:p:workspace:w:run_phase:destroy', TERRAFORM, false));
  });

  it('match patterns that some value of a form matches', () => {
    assert.ok(matchesSomeForm('repo:acme/app:*', GITHUB, true));
    assert.ok(matchesSomeForm('*', GITHUB, true));
    assert.ok(matchesSomeForm('repo:acme/app:ref:refs/heads/rel-??', GITHUB, true));
    assert.ok(!matchesSomeForm('repo:acme/app:branch:*', GITHUB, true));
    assert.ok(matchesSomeForm('repo:acme/app:ref:refs/heads/${*}x', GITHUB, true), 'an escaped "*" is a branch character');
    assert.ok(!matchesSomeForm('repo:acme/app${*}', GITHUB, true), 'an escaped "*" is no wildcard');
  });

  it('ignore case when asked', () => {
    assert.ok(matchesSomeForm('REPO:acme/app:PULL_REQUEST', GITHUB, false, true));
    assert.ok(!matchesSomeForm('REPO:acme/app:PULL_REQUEST', GITHUB, false));
  });

  it('tell how far a wildcard reaches', () => {
    const reach = (v: string) => wildcardReach(v, GITHUB, 'owner', 'repo')?.reach;
    assert.strictEqual(reach('*'), 'tenant');
    assert.strictEqual(reach('repo:*'), 'tenant');
    assert.strictEqual(reach('repo:acme*'), 'tenant');
    assert.strictEqual(reach('repo:*/app:*'), 'tenant');
    assert.strictEqual(reach('repo:acme/*'), 'scope');
    assert.strictEqual(reach('repo:acme/app*'), 'scope');
    assert.strictEqual(reach('repo:acme/app:*'), 'context');
    assert.strictEqual(reach('repo:acme/app:env*'), 'context');
    assert.strictEqual(reach('repo:acme/app:environment:*'), 'inner');
    assert.strictEqual(reach('repo:acme/app:ref:refs/heads/*'), 'inner');
    assert.strictEqual(reach('repo:acme/app:ref:refs/heads/main'), undefined, 'no wildcard');
    assert.strictEqual(reach('repository_owner_id:1:*'), undefined, 'no form starts that way');
    assert.deepStrictEqual(wildcardReach('repo:acme/app:*', GITHUB, 'owner', 'repo')?.fixed, { owner: 'acme', repo: 'app' });
    assert.strictEqual(wildcardReach('repo:acme*', GITHUB, 'owner', 'repo')?.partial, 'acme');
  });

  it('reach through text between placeholders', () => {
    const reach = (v: string) => wildcardReach(v, TERRAFORM, 'org', 'project')?.reach;
    assert.strictEqual(reach('organization:*'), 'tenant');
    assert.strictEqual(reach('organization:acme:*'), 'scope');
    assert.strictEqual(reach('organization:acme:project:Platform:*'), 'context');
    assert.strictEqual(reach('organization:acme:project:Platform:workspace:prod:run_phase:*'), 'inner');
  });

  it('read IAM escapes and policy variables', () => {
    assert.ok(!hasPolicyVariable('repo:acme/app:ref:refs/heads/${*}'));
    assert.ok(hasPolicyVariable('repo:${aws:username}/*'));
    assert.ok(patternMatches('sts.amazonaws.*', 'sts.amazonaws.com', true));
    assert.ok(!patternMatches('sts.amazonaws.*', 'sts.amazonaws.com', false));
    assert.ok(patternMatches('a${*}b', 'a*b', true));
    assert.ok(matchesEverything('**'));
    assert.ok(!matchesEverything('${*}'));
  });
});
