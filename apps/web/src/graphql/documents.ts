import { graphql } from './graphql';

/**
 * Every GraphQL document the web client sends. documents.spec.ts validates each one
 * against schema/schema.graphql, so a schema change that breaks the client fails `npm test`.
 */

export const AccountFields = graphql(`
  fragment AccountFields on Account {
    id
    kind
    displayName
    username
    email
    participantId
    programRole
    awaitingConfirmation
  }
`);

export const LoginMutation = graphql(
  `
    mutation Login($identifier: String!, $password: String!, $sharedDevice: Boolean) {
      login(identifier: $identifier, password: $password, sharedDevice: $sharedDevice) {
        accessToken
        accessTokenExpiresAt
        account {
          ...AccountFields
        }
      }
    }
  `,
  [AccountFields],
);

export const RefreshMutation = graphql(
  `
    mutation Refresh {
      refresh {
        accessToken
        accessTokenExpiresAt
        account {
          ...AccountFields
        }
      }
    }
  `,
  [AccountFields],
);

export const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);

export const AcceptStaffInvitationMutation = graphql(
  `
    mutation AcceptStaffInvitation($input: AcceptStaffInvitationInput!) {
      acceptStaffInvitation(input: $input) {
        accessToken
        accessTokenExpiresAt
        account {
          ...AccountFields
        }
      }
    }
  `,
  [AccountFields],
);

export const CompleteSignInSetupMutation = graphql(
  `
    mutation CompleteSignInSetup($input: CompleteSignInSetupInput!) {
      completeSignInSetup(input: $input) {
        accessToken
        accessTokenExpiresAt
        recoveryCodes
        account {
          ...AccountFields
        }
      }
    }
  `,
  [AccountFields],
);

export const MySessionsQuery = graphql(`
  query MySessions {
    mySessions {
      id
      signedInAt
      lastUsedAt
      expiresAt
      sharedDevice
      current
      device
    }
  }
`);

export const EndSessionMutation = graphql(`
  mutation EndSession($input: EndSessionInput!) {
    endSession(input: $input)
  }
`);

export const AuthorFields = graphql(`
  fragment AuthorFields on Author {
    accountId
    displayName
    isParticipant
  }
`);

export const StepFields = graphql(
  `
    fragment StepFields on Step {
      id
      text
      done
      doneAt
      targetDate
      goalId
      label
      version
      forParticipant
      createdBy {
        ...AuthorFields
      }
    }
  `,
  [AuthorFields],
);

export const StrategyFields = graphql(
  `
    fragment StrategyFields on Strategy {
      id
      text
      status
      checkInRhythm
      reminders
      lastCheckInAt
      lastCheckInAnswer
      lastCheckInNote
      label
      version
      addedBy {
        ...AuthorFields
      }
    }
  `,
  [AuthorFields],
);

export const OfferFields = graphql(
  `
    fragment OfferFields on Offer {
      id
      text
      kind
      status
      label
      version
      hiddenByParticipant
      goalId
      offeredBy {
        ...AuthorFields
      }
    }
  `,
  [AuthorFields],
);

export const GoalFields = graphql(
  `
    fragment GoalFields on Goal {
      id
      text
      domain
      label
      lifecycle
      options
      stage
      rank
      substance
      version
      declined
      awaitingConfirmation
      reducesCopingBehaviour
      replacementStrategyIds
      expressedByKind
      expressedBy {
        ...AuthorFields
      }
      writtenWith {
        ...AuthorFields
      }
      staffStages {
        stage
        at
        ratedBy {
          ...AuthorFields
        }
      }
      steps {
        ...StepFields
      }
    }
  `,
  [AuthorFields, StepFields],
);

export const PlanFields = graphql(
  `
    fragment PlanFields on Plan {
      participantId
      version
      rankingVersion
      vision {
        text
        updatedAt
        writtenWith {
          ...AuthorFields
        }
      }
      goals {
        ...GoalFields
      }
      looseSteps {
        ...StepFields
      }
      strategies {
        ...StrategyFields
      }
      offers {
        ...OfferFields
      }
    }
  `,
  [AuthorFields, GoalFields, StepFields, StrategyFields, OfferFields],
);

export const PlanQuery = graphql(
  `
    query Plan($participantId: ID!) {
      plan(participantId: $participantId) {
        ...PlanFields
      }
    }
  `,
  [PlanFields],
);

export const PlanAsSeenByQuery = graphql(
  `
    query PlanAsSeenBy($participantId: ID!, $accountId: ID!) {
      planAsSeenBy(participantId: $participantId, accountId: $accountId) {
        ...PlanFields
      }
    }
  `,
  [PlanFields],
);

export const WaitingForYouQuery = graphql(
  `
    query WaitingForYou($participantId: ID) {
      waitingForYou(participantId: $participantId) {
        goalsToAnswer {
          ...GoalFields
        }
        entriesToConfirm {
          id
          kind
          label
          text
          targetId
          version
          writtenBy {
            ...AuthorFields
          }
        }
        offersToAnswer {
          ...OfferFields
        }
        stepsForYou {
          ...StepFields
        }
        checkInsDue {
          ...StrategyFields
        }
        decisionsToAnswer {
          id
          summary
          label
          version
          status
          proposedAt
          proposedBy {
            ...AuthorFields
          }
          answerWaiting {
            agree
            recordedBy {
              ...AuthorFields
            }
          }
        }
      }
    }
  `,
  [GoalFields, OfferFields, StepFields, StrategyFields, AuthorFields],
);

export const UpdateVisionMutation = graphql(`
  mutation UpdateVision($input: UpdateVisionInput!) {
    updateVision(input: $input) {
      participantId
      version
      vision {
        text
        updatedAt
      }
    }
  }
`);

export const RankGoalsMutation = graphql(`
  mutation RankGoals($input: RankGoalsInput!) {
    rankGoals(input: $input) {
      participantId
      rankingVersion
      goals {
        id
        rank
      }
    }
  }
`);

export const AcceptGoalMutation = graphql(
  `
    mutation AcceptGoal($input: GoalVersionInput!) {
      acceptGoal(input: $input) {
        ...GoalFields
      }
    }
  `,
  [GoalFields],
);

export const DeclineGoalMutation = graphql(
  `
    mutation DeclineGoal($input: GoalVersionInput!) {
      declineGoal(input: $input) {
        ...GoalFields
      }
    }
  `,
  [GoalFields],
);

export const ConfirmGoalMutation = graphql(
  `
    mutation ConfirmGoal($input: GoalVersionInput!) {
      confirmGoal(input: $input) {
        ...GoalFields
      }
    }
  `,
  [GoalFields],
);

export const ConfirmWrittenWithYouMutation = graphql(`
  mutation ConfirmWrittenWithYou($input: ConfirmWrittenWithYouInput!) {
    confirmWrittenWithYou(input: $input) {
      id
      status
      version
    }
  }
`);

export const RateStageMutation = graphql(
  `
    mutation RateStage($input: RateStageInput!) {
      rateStage(input: $input) {
        ...GoalFields
      }
    }
  `,
  [GoalFields],
);

export const SetStepDoneMutation = graphql(
  `
    mutation SetStepDone($input: SetStepDoneInput!) {
      setStepDone(input: $input) {
        ...StepFields
      }
    }
  `,
  [StepFields],
);

export const UpdateStrategyMutation = graphql(
  `
    mutation UpdateStrategy($input: UpdateStrategyInput!) {
      updateStrategy(input: $input) {
        ...StrategyFields
      }
    }
  `,
  [StrategyFields],
);

export const CheckInOnStrategyMutation = graphql(
  `
    mutation CheckInOnStrategy($input: CheckInOnStrategyInput!) {
      checkInOnStrategy(input: $input) {
        ...StrategyFields
      }
    }
  `,
  [StrategyFields],
);

export const RespondToOfferMutation = graphql(
  `
    mutation RespondToOffer($input: RespondToOfferInput!) {
      respondToOffer(input: $input) {
        ...OfferFields
      }
    }
  `,
  [OfferFields],
);

export const HideOfferMutation = graphql(
  `
    mutation HideOffer($input: HideOfferInput!) {
      hideOffer(input: $input) {
        ...OfferFields
      }
    }
  `,
  [OfferFields],
);

export const AnswerDecisionMutation = graphql(`
  mutation AnswerDecision($input: AnswerDecisionInput!) {
    answerDecision(input: $input) {
      id
      status
      version
    }
  }
`);

export const WinFields = graphql(`
  fragment WinFields on Win {
    id
    text
    label
    confirmed
    occurredAt
    source
    version
  }
`);

export const WinsQuery = graphql(
  `
    query Wins($participantId: ID!) {
      wins(participantId: $participantId, first: 20) {
        edges {
          node {
            ...WinFields
          }
        }
      }
    }
  `,
  [WinFields],
);

export const ConfirmWinMutation = graphql(
  `
    mutation ConfirmWin($input: WinVersionInput!) {
      confirmWin(input: $input) {
        ...WinFields
      }
    }
  `,
  [WinFields],
);

export const HideWinMutation = graphql(`
  mutation HideWin($winId: ID!) {
    hideWin(winId: $winId)
  }
`);

export const SeriesFields = graphql(`
  fragment SeriesFields on Series {
    times
    values
    metric {
      id
      name
      unit
      kind
      better
      minimum
      maximum
      domain
      label
      definedBy {
        isParticipant
      }
    }
  }
`);

export const ProgressQuery = graphql(
  `
    query Progress($participantId: ID!) {
      progress(participantId: $participantId) {
        participantId
        domains {
          domain
          participantDefined {
            ...SeriesFields
          }
          clinical {
            ...SeriesFields
          }
        }
      }
      setbacks(participantId: $participantId) {
        id
        occurredAt
        reflection
        label
        awaitingConfirmation
      }
    }
  `,
  [SeriesFields],
);

export const RecordMeasurementMutation = graphql(`
  mutation RecordMeasurement($input: RecordMeasurementInput!) {
    recordMeasurement(input: $input) {
      id
      value
      at
      metricId
      win {
        id
        text
      }
    }
  }
`);

/** What one team member sees, and why: shared by Who sees what and My team. */
export const MemberAccessFields = graphql(`
  fragment MemberAccessFields on MemberAccess {
    member {
      accountId
      displayName
      discipline
    }
    labels {
      label
      source
    }
  }
`);

export const RecordSetbackMutation = graphql(`
  mutation RecordSetback($input: RecordSetbackInput!) {
    recordSetback(input: $input) {
      id
      occurredAt
      reflection
      label
    }
  }
`);

export const SharingQuery = graphql(
  `
    query Sharing($participantId: ID!) {
      participant(id: $participantId) {
        id
        preferredName
        sharePresenceWithTeam
        careTeam {
          accountId
          displayName
          discipline
          teamRole
          since
        }
      }
      consentGrants(participantId: $participantId) {
        id
        label
        active
        discipline
        endsAt
        endEvent
        startsAt
        revokedAt
        grantee {
          accountId
          displayName
        }
      }
      whoSeesWhat(participantId: $participantId) {
        ...MemberAccessFields
      }
    }
  `,
  [MemberAccessFields],
);

export const SetPresenceSharingMutation = graphql(`
  mutation SetPresenceSharing($input: SetPresenceSharingInput!) {
    setPresenceSharing(input: $input) {
      id
      sharePresenceWithTeam
    }
  }
`);

export const GrantVisibilityMutation = graphql(`
  mutation GrantVisibility($input: GrantVisibilityInput!) {
    grantVisibility(input: $input) {
      id
      label
      active
    }
  }
`);

export const RevokeVisibilityMutation = graphql(`
  mutation RevokeVisibility($input: GrantIdInput!) {
    revokeVisibility(input: $input) {
      id
      active
      revokedAt
    }
  }
`);

export const AccessLogQuery = graphql(`
  query AccessLog($participantId: ID!) {
    accessLog(participantId: $participantId, first: 50) {
      edges {
        node {
          id
          at
          action
          kind
          labels
          reason
          actor {
            accountId
            displayName
          }
        }
      }
    }
  }
`);

/**
 * Staff home, in one request: the caseload with each person's next meeting (one statement for
 * all of them) and the steps that wait for me across the caseload, each naming whose plan it is in.
 */
export const CaseloadQuery = graphql(`
  query Caseload {
    caseload {
      teamRole
      lastContactAt
      myLastContactAt
      participant {
        id
        preferredName
        pronouns
      }
      nextMeeting {
        conferenceId
        scheduledFor
        timeZone
        status
      }
    }
    waitingForYou {
      stepsForYou {
        id
        participantId
        text
      }
    }
  }
`);

export const TeamQuery = graphql(
  `
    query Team($participantId: ID!) {
      participant(id: $participantId) {
        id
        careTeam {
          accountId
          membershipId
          displayName
          discipline
          teamRole
          since
          until
        }
      }
      whoSeesWhat(participantId: $participantId) {
        ...MemberAccessFields
      }
      careTeamChanges(participantId: $participantId) {
        id
        kind
        changedAt
        effectiveAt
        until
        discipline
        teamRole
        member {
          accountId
          displayName
        }
        changedBy {
          accountId
          displayName
        }
      }
    }
  `,
  [MemberAccessFields],
);

export const ConferenceFields = graphql(
  `
    fragment ConferenceFields on Conference {
      id
      title
      status
      scheduledFor
      timeZone
      version
      participantAttends
      participantInvited
      minutesLocked
      closedAt
      facilitator {
        accountId
        displayName
      }
      coFacilitator {
        accountId
        displayName
      }
      attendees {
        accountId
        displayName
        discipline
        attendeeKind
        isParticipant
      }
      agenda {
        id
        kind
        position
        title
        body
        label
        version
        goalId
        notWithoutParticipant
        writtenWithParticipant
        addedBy {
          ...AuthorFields
        }
        hiddenFrom {
          accountId
          displayName
        }
        notes {
          id
          text
          createdAt
          author {
            ...AuthorFields
          }
        }
        perspectives {
          id
          version
          text
          discipline
          author {
            ...AuthorFields
          }
        }
        decisions {
          id
          version
          summary
          status
          changeKind
          newGoal {
            text
          }
          coSigned
          answerNote
          proposedBy {
            ...AuthorFields
          }
          answeredBy {
            ...AuthorFields
          }
          answerWaiting {
            agree
            recordedBy {
              ...AuthorFields
            }
          }
        }
        actionItems {
          id
          text
          stepId
          forParticipant
          targetDate
          assignee {
            ...AuthorFields
          }
        }
      }
      amendments {
        id
        text
        reason
        targetId
        createdAt
        author {
          ...AuthorFields
        }
      }
      responses {
        id
        kind
        text
        targetId
        createdAt
        answer
        answeredAt
        answeredBy {
          ...AuthorFields
        }
      }
    }
  `,
  [AuthorFields],
);

export const ConferencesQuery = graphql(
  `
    query Conferences($participantId: ID!) {
      conferences(participantId: $participantId) {
        ...ConferenceFields
      }
    }
  `,
  [ConferenceFields],
);

export const SetParticipantAttendsMutation = graphql(
  `
    mutation SetParticipantAttends($input: SetParticipantAttendsInput!) {
      setParticipantAttends(input: $input) {
        ...ConferenceFields
      }
    }
  `,
  [ConferenceFields],
);

export const RecordParticipantUpdateMutation = graphql(
  `
    mutation RecordParticipantUpdate($input: RecordParticipantUpdateInput!) {
      recordParticipantUpdate(input: $input) {
        ...ConferenceFields
      }
    }
  `,
  [ConferenceFields],
);

export const AddAgendaItemMutation = graphql(
  `
    mutation AddAgendaItem($input: AddAgendaItemInput!) {
      addAgendaItem(input: $input) {
        ...ConferenceFields
      }
    }
  `,
  [ConferenceFields],
);

export const SetNotWithoutParticipantMutation = graphql(
  `
    mutation SetNotWithoutParticipant($input: SetNotWithoutParticipantInput!) {
      setNotWithoutParticipant(input: $input) {
        ...ConferenceFields
      }
    }
  `,
  [ConferenceFields],
);

export const RespondToConferenceMutation = graphql(
  `
    mutation RespondToConference($input: RespondToConferenceInput!) {
      respondToConference(input: $input) {
        ...ConferenceFields
      }
    }
  `,
  [ConferenceFields],
);

/** Staff: the live room's view of one conference (what the viewer may see, filtered by the API). */
export const RoomFields = graphql(
  `
    fragment RoomFields on Conference {
      ...ConferenceFields
      participantId
      currentItemId
      warnings
      startedAt
    }
  `,
  [ConferenceFields],
);

export const ConferenceRoomQuery = graphql(
  `
    query ConferenceRoom($id: ID!) {
      conference(id: $id) {
        ...RoomFields
      }
    }
  `,
  [RoomFields],
);

/**
 * Staff in the room: the participant's name, who is on their care team now (who may add to
 * and reorder the agenda, as the API decides) and the goals the viewer may see (for action
 * items and decisions that change a goal).
 */
export const RoomParticipantQuery = graphql(`
  query RoomParticipant($id: ID!) {
    participant(id: $id) {
      id
      preferredName
      careTeam {
        accountId
      }
    }
    plan(participantId: $id) {
      participantId
      goals {
        id
        text
        lifecycle
        declined
        awaitingConfirmation
      }
    }
  }
`);

export const ParticipantNameQuery = graphql(`
  query ParticipantName($id: ID!) {
    participant(id: $id) {
      id
      preferredName
    }
  }
`);

export const ParticipantConferenceListQuery = graphql(`
  query ParticipantConferenceList($participantId: ID!) {
    conferences(participantId: $participantId) {
      id
      title
      status
      scheduledFor
      timeZone
    }
  }
`);

export const RoundsSummaryQuery = graphql(`
  query RoundsSummary($date: String!, $timeZone: String!) {
    roundsSummary(date: $date, timeZone: $timeZone) {
      conference {
        id
        title
        status
        scheduledFor
        timeZone
        participantId
        participantAttends
      }
      participantUpdate {
        id
        body
      }
      openDecisions {
        id
      }
    }
  }
`);

export const StartConferenceMutation = graphql(
  `
    mutation StartConference($input: ConferenceStepInput!) {
      startConference(input: $input) {
        ...RoomFields
      }
    }
  `,
  [RoomFields],
);

export const AdvanceConferenceMutation = graphql(
  `
    mutation AdvanceConference($input: AdvanceConferenceInput!) {
      advanceConference(input: $input) {
        ...RoomFields
      }
    }
  `,
  [RoomFields],
);

export const CloseConferenceMutation = graphql(
  `
    mutation CloseConference($input: ConferenceStepInput!) {
      closeConference(input: $input) {
        ...RoomFields
      }
    }
  `,
  [RoomFields],
);

export const NameCoFacilitatorMutation = graphql(
  `
    mutation NameCoFacilitator($input: NameCoFacilitatorInput!) {
      nameCoFacilitator(input: $input) {
        ...RoomFields
      }
    }
  `,
  [RoomFields],
);

export const AddConferenceNoteMutation = graphql(
  `
    mutation AddConferenceNote($input: AddConferenceNoteInput!) {
      addConferenceNote(input: $input) {
        ...RoomFields
      }
    }
  `,
  [RoomFields],
);

export const RecordPerspectiveMutation = graphql(
  `
    mutation RecordPerspective($input: RecordPerspectiveInput!) {
      recordPerspective(input: $input) {
        ...RoomFields
      }
    }
  `,
  [RoomFields],
);

export const AddActionItemMutation = graphql(
  `
    mutation AddActionItem($input: AddActionItemInput!) {
      addActionItem(input: $input) {
        ...RoomFields
      }
    }
  `,
  [RoomFields],
);

export const MoveAgendaItemMutation = graphql(
  `
    mutation MoveAgendaItem($input: MoveAgendaItemInput!) {
      moveAgendaItem(input: $input) {
        ...RoomFields
      }
    }
  `,
  [RoomFields],
);

export const ProposeDecisionMutation = graphql(`
  mutation ProposeDecision($input: ProposeDecisionInput!) {
    proposeDecision(input: $input) {
      id
      status
      version
    }
  }
`);

export const AmendMinutesMutation = graphql(
  `
    mutation AmendMinutes($input: AmendMinutesInput!) {
      amendMinutes(input: $input) {
        ...RoomFields
      }
    }
  `,
  [RoomFields],
);

/* Staff writing in a participant's plan (issue 17): advisory hints, proposals, steps. */

export const CheckLanguageQuery = graphql(`
  query CheckLanguage($text: String!, $label: SensitivityLabel!) {
    checkLanguage(text: $text, label: $label) {
      hints {
        term
        suggestion
        why
      }
      suggestedLabel
    }
  }
`);

export const ExpressGoalMutation = graphql(
  `
    mutation ExpressGoal($input: ExpressGoalInput!) {
      expressGoal(input: $input) {
        ...GoalFields
      }
    }
  `,
  [GoalFields],
);

export const ProposeGoalMutation = graphql(
  `
    mutation ProposeGoal($input: ProposeGoalInput!) {
      proposeGoal(input: $input) {
        ...GoalFields
      }
    }
  `,
  [GoalFields],
);

export const AddStepMutation = graphql(
  `
    mutation AddStep($input: AddStepInput!) {
      addStep(input: $input) {
        ...StepFields
      }
    }
  `,
  [StepFields],
);

export const MakeOfferMutation = graphql(
  `
    mutation MakeOffer($input: MakeOfferInput!) {
      makeOffer(input: $input) {
        ...OfferFields
      }
    }
  `,
  [OfferFields],
);

/* Program screens (issue 17): supervisors, administrators, adding a person and their sign-in. */

export const PersonFields = graphql(`
  fragment PersonFields on Person {
    accountId
    displayName
  }
`);

export const SetupCodeFields = graphql(
  `
    fragment SetupCodeFields on SignInSetupCode {
      id
      participantId
      accountDisplayName
      accountKind
      replacesPassphrase
      status
      issuedAt
      expiresAt
      requestedBy {
        ...PersonFields
      }
      approvedBy {
        ...PersonFields
      }
    }
  `,
  [PersonFields],
);

export const EmergencyAccessFields = graphql(
  `
    fragment EmergencyAccessFields on EmergencyAccess {
      id
      participantId
      participantName
      reason
      status
      requestedAt
      startedAt
      endedAt
      endsAt
      clinician {
        ...PersonFields
      }
      review {
        note
        reviewedAt
      }
    }
  `,
  [PersonFields],
);

export const StaffAccountFields = graphql(`
  fragment StaffAccountFields on Account {
    id
    displayName
    email
    discipline
    programRole
    status
    awaitingConfirmation
    deactivatedAt
    deactivationReason
  }
`);

/** Supervisors: the roster (names and care teams only) and everything waiting for them. */
export const ProgramQuery = graphql(
  `
    query Program {
      program {
        id
        name
      }
      programRoster {
        participantId
        preferredName
        careTeam {
          membershipId
          displayName
          discipline
          teamRole
        }
      }
      staffAwaitingConfirmation {
        ...StaffAccountFields
      }
      emergencyAccessesAwaitingApproval {
        ...EmergencyAccessFields
      }
      emergencyAccessesAwaitingReview {
        ...EmergencyAccessFields
      }
    }
  `,
  [StaffAccountFields, EmergencyAccessFields],
);

export const SetupCodesAwaitingApprovalQuery = graphql(
  `
    query SetupCodesAwaitingApproval {
      signInSetupCodesAwaitingApproval {
        ...SetupCodeFields
      }
    }
  `,
  [SetupCodeFields],
);

export const ConfirmStaffAccountMutation = graphql(
  `
    mutation ConfirmStaffAccount($input: AccountIdInput!) {
      confirmStaffAccount(input: $input) {
        ...StaffAccountFields
      }
    }
  `,
  [StaffAccountFields],
);

export const ApproveSignInSetupCodeMutation = graphql(
  `
    mutation ApproveSignInSetupCode($input: SetupCodeIdInput!) {
      approveSignInSetupCode(input: $input) {
        ...SetupCodeFields
      }
    }
  `,
  [SetupCodeFields],
);

export const ApproveEmergencyAccessMutation = graphql(
  `
    mutation ApproveEmergencyAccess($input: EmergencyAccessIdInput!) {
      approveEmergencyAccess(input: $input) {
        ...EmergencyAccessFields
      }
    }
  `,
  [EmergencyAccessFields],
);

export const ReviewEmergencyAccessMutation = graphql(
  `
    mutation ReviewEmergencyAccess($input: ReviewEmergencyAccessInput!) {
      reviewEmergencyAccess(input: $input) {
        ...EmergencyAccessFields
      }
    }
  `,
  [EmergencyAccessFields],
);

/** Administrators: staff accounts only; no participant, no plan. */
/** The program itself: its name, and (administrators, supervisors) its staff accounts by state. */
export const ProgramFields = graphql(`
  fragment ProgramFields on Program {
    id
    name
    staffAccounts {
      active
      awaitingConfirmation
      notYetJoined
      deactivated
    }
  }
`);

export const ProgramNameQuery = graphql(
  `
    query ProgramName {
      program {
        ...ProgramFields
      }
    }
  `,
  [ProgramFields],
);

export const RenameProgramMutation = graphql(
  `
    mutation RenameProgram($input: RenameProgramInput!) {
      renameProgram(input: $input) {
        ...ProgramFields
      }
    }
  `,
  [ProgramFields],
);

export const ProgramAccountsQuery = graphql(
  `
    query ProgramAccounts {
      programAccounts {
        ...StaffAccountFields
      }
    }
  `,
  [StaffAccountFields],
);

export const InviteStaffMutation = graphql(
  `
    mutation InviteStaff($input: InviteStaffInput!) {
      inviteStaff(input: $input) {
        account {
          ...StaffAccountFields
        }
        invitation {
          code
          expiresAt
        }
      }
    }
  `,
  [StaffAccountFields],
);

export const DeactivateAccountMutation = graphql(
  `
    mutation DeactivateAccount($input: DeactivateAccountInput!) {
      deactivateAccount(input: $input) {
        ...StaffAccountFields
      }
    }
  `,
  [StaffAccountFields],
);

export const ReactivateAccountMutation = graphql(
  `
    mutation ReactivateAccount($input: AccountIdInput!) {
      reactivateAccount(input: $input) {
        ...StaffAccountFields
      }
    }
  `,
  [StaffAccountFields],
);

export const CreateParticipantMutation = graphql(`
  mutation CreateParticipant($input: CreateParticipantInput!) {
    createParticipant(input: $input) {
      id
      preferredName
      pronouns
    }
  }
`);

/** The only answer that carries the code: it is shown once, then it exists nowhere on screen. */
export const CreateSignInSetupCodeMutation = graphql(
  `
    mutation CreateSignInSetupCode($input: CreateSignInSetupCodeInput!) {
      createSignInSetupCode(input: $input) {
        ...SetupCodeFields
        code
      }
    }
  `,
  [SetupCodeFields],
);

export const SignInSetupCodesQuery = graphql(
  `
    query SignInSetupCodes($participantId: ID!) {
      signInSetupCodes(participantId: $participantId) {
        ...SetupCodeFields
      }
    }
  `,
  [SetupCodeFields],
);

export const ClinicalCatalogueQuery = graphql(`
  query ClinicalCatalogue {
    clinicalCatalogue {
      code
      name
      unit
      domain
      label
    }
  }
`);

export const DefineMetricMutation = graphql(`
  mutation DefineMetric($input: DefineMetricInput!) {
    defineMetric(input: $input) {
      id
      name
    }
  }
`);

export const MakeItemStricterMutation = graphql(`
  mutation MakeItemStricter($input: MakeItemStricterInput!) {
    makeItemStricter(input: $input) {
      id
      kind
      label
      version
    }
  }
`);
