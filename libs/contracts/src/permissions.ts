/**
 * Every named permission (ARCHITECTURE.md "Who may do what is one policy too"): one per
 * action a caller can take through GraphQL, a socket event or an HTTP route.
 *
 * The names live here, below every layer, so that each layer's operations (identity's
 * sign-in, platform's health check) can declare theirs with `@Permission(...)`. What each
 * one means — who may, the PRODUCT.md rules it keeps, where it is checked — is declared in
 * libs/access/src/policies/*.permissions.ts, which must cover exactly this list (the
 * compiler holds them together), and is printed in docs/permissions.md.
 */
export const PERMISSION_NAMES = [
  // Server: no person's data
  'server.readInfo',
  'server.checkHealth',
  'server.scrapeMetrics',

  // Signing in and sessions
  'session.signIn',
  'session.refresh',
  'session.refreshLive',
  'session.endOwn',
  'session.listOwn',
  'signIn.acceptStaffInvitation',
  'signIn.completeSetup',
  'signIn.resetWithRecoveryCode',
  'signIn.regenerateRecoveryCodes',
  'signInSetup.request',
  'signInSetup.approve',
  'signInSetup.listAwaitingApproval',
  'signInSetup.readHistory',

  // Accounts
  'account.readOwn',
  'account.listProgramStaff',
  'account.inviteStaff',
  'account.listAwaitingConfirmation',
  'account.confirmStaff',
  'account.changeActive',

  // The program
  'program.read',
  'program.rename',

  // Participants and care teams
  'participant.read',
  'participant.listCaseload',
  'participant.readProgramRoster',
  'participant.create',
  'careTeam.addMember',
  'careTeam.endMembership',
  'careTeam.readChanges',
  'careTeam.recordContact',
  'careTeam.inviteSupportPerson',

  // Consent and the access log
  'consent.grant',
  'consent.revoke',
  'consent.read',
  'consent.previewAsMember',
  'consent.sharePresence',
  'accessLog.read',
  'externalSharing.allow',
  'externalSharing.stop',
  'externalSharing.read',

  // Emergency (break-glass) access
  'breakGlass.request',
  'breakGlass.end',
  'breakGlass.approve',
  'breakGlass.review',
  'breakGlass.listForSupervision',
  'breakGlass.readOwn',

  // The plan
  'plan.read',
  'plan.readWaitingForYou',
  'plan.updateVision',
  'writtenWithYou.answer',
  'step.add',
  'step.setDone',
  'strategy.add',
  'strategy.update',
  'strategy.checkIn',
  'offer.make',
  'offer.recordWithheld',
  'offer.respond',
  'offer.hide',
  'plan.makeItemStricter',
  'language.check',

  // Goals
  'goal.express',
  'goal.propose',
  'goal.answerProposal',
  'goal.confirm',
  'goal.update',
  'goal.setLifecycle',
  'goal.rank',
  'goal.rateStage',

  // The live plan room (socket events)
  'plan.watchLive',
  'plan.leaveLive',
  'presence.announceEditing',
  'presence.announceViewing',

  // Outcomes
  'outcomes.readClinicalCatalogue',
  'outcomes.read',
  'metric.readMeasurements',
  'metric.define',
  'metric.recordMeasurement',
  'win.propose',
  'win.confirm',
  'win.hide',
  'setback.record',
  'setback.answerPlanReview',

  // Care conferences
  'conference.read',
  'conference.list',
  'conference.readRounds',
  'conference.schedule',
  'conference.invite',
  'conference.setParticipantAttends',
  'conference.recordParticipantUpdate',
  'agenda.addItem',
  'agenda.moveItem',
  'agenda.setNotWithoutParticipant',
  'conference.nameCoFacilitator',
  'conference.start',
  'conference.advance',
  'conference.close',
  'conference.addNote',
  'conference.recordPerspective',
  'conference.addActionItem',
  'decision.propose',
  'decision.answer',
  'minutes.amend',
  'minutes.respond',
  'minutes.answerResponse',

  // Exports
  'export.planPdf',
  'export.ownRecord',
  'export.fhirEverything',
  'export.minutesPdf',
] as const;

export type PermissionName = (typeof PERMISSION_NAMES)[number];
