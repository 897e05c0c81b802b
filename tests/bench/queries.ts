/** The two reads measured, as a client would send them. */

const AUTHOR = 'accountId displayName isParticipant';
const STEP = `id text label done doneAt forParticipant goalId targetDate version assignee { ${AUTHOR} } createdBy { ${AUTHOR} }`;
const METRIC = `id kind name catalogueCode domain label scale minimum maximum unit orderedLabels better goalIds tracksSubstanceAmount version definedBy { ${AUTHOR} }`;

/**
 * The plan screen: plan, goals with their steps, strategies, offers, and every metric
 * definition with its latest value (no series).
 */
export const PLAN_QUERY = `query PlanScreen($participantId: ID!) {
  plan(participantId: $participantId) {
    participantId version rankingVersion
    vision { text updatedAt writtenWith { ${AUTHOR} } }
    goals {
      id text domain label lifecycle horizon stage rank version options substance awaitingConfirmation declined
      isAbstinenceGoal reducesCopingBehaviour replacementStrategyIds expressedByKind createdAt updatedAt
      expressedBy { ${AUTHOR} } writtenWith { ${AUTHOR} }
      staffStages { stage at ratedBy { ${AUTHOR} } }
      languageHints { term suggestion why }
      steps { ${STEP} }
    }
    looseSteps { ${STEP} }
    strategies { id text label status checkInRhythm reminders version addedBy { ${AUTHOR} } }
    offers { id text kind status label version createdAt goalId offeredBy { ${AUTHOR} } }
  }
  progress(participantId: $participantId) {
    domains {
      domain
      participantDefined { metric { ${METRIC} } latest { at value } trend }
      clinical { metric { ${METRIC} } latest { at value } trend }
    }
  }
}`;

/** The progress screen: every series with all its points (parallel lists, as the schema has them). */
export const PROGRESS_QUERY = `query ProgressScreen($participantId: ID!) {
  progress(participantId: $participantId) {
    participantId
    domains {
      domain
      participantDefined { metric { ${METRIC} } baseline { at value } latest { at value } trend times values }
      clinical { metric { ${METRIC} } baseline { at value } latest { at value } trend times values }
    }
  }
}`;
