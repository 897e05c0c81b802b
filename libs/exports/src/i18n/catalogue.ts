import {
  CheckInAnswer,
  Discipline,
  GoalLifecycle,
  LifeDomain,
  SensitivityLabel,
  StrategyStatus,
} from '@roundtable/contracts';

/** The languages printouts come in (ARCHITECTURE.md: English, and Spanish for participants). */
export enum ExportLanguage {
  EN = 'en',
  ES = 'es',
}

/**
 * Every word a printout uses, in plain language, per language. Person-first and neutral
 * (PRODUCT.md rule 14): steps are "to do" or "done", never "overdue"; nothing "failed".
 */
const EN = {
  planTitle: (name: string) => `${name}’s plan`,
  minutesTitle: 'Care conference: minutes',
  recordTitle: (name: string) => `Everything Roundtable holds about ${name}`,
  printedOn: (date: string) => `Printed ${date}`,
  page: (n: number, of: number) => `Page ${n} of ${of}`,
  vision: 'In my own words',
  goals: 'My goals',
  goalBy: (name: string) => `Goal set by ${name}`,
  myGoal: 'My own goal',
  writtenWith: (name: string) => `written down with ${name}`,
  steps: 'Steps',
  looseSteps: 'Other steps',
  stepByMe: 'I do this',
  stepBy: (name: string) => `${name} does this`,
  done: 'done',
  toDo: 'to do',
  target: (date: string) => `aim: ${date}`,
  strategies: 'Ways I keep myself safer',
  checkIn: (rhythm: string) => `check in: ${rhythm}`,
  lastCheckIn: (date: string, answer: string) => `last checked in ${date}: ${answer}`,
  checkInAnswer: {
    [CheckInAnswer.WORKING]: 'it’s working for me',
    [CheckInAnswer.SOMEWHAT]: 'somewhat',
    [CheckInAnswer.NOT_WORKING]: 'it’s not working for me right now',
  } satisfies Record<CheckInAnswer, string>,
  team: 'My team and how to reach them',
  noContact: 'ask your case manager',
  metrics: 'How things are going',
  latestClinical: 'Latest clinical values',
  latest: (value: string, date: string) => `latest ${value} (${date})`,
  noValues: 'nothing recorded yet',
  betterHigher: 'higher is better',
  betterLower: 'lower is better',
  wins: 'Recent wins',
  nothingYet: 'Nothing here yet.',
  agenda: 'Agenda',
  notes: 'Notes',
  perspectives: 'Perspectives',
  decisions: 'Decisions',
  agreed: 'The participant agreed',
  declined: 'The participant did not agree',
  awaiting: 'Waiting for the participant’s answer',
  actionItems: 'Action items',
  amendments: 'Amendments after the minutes were closed',
  responses: 'The participant’s feedback and corrections',
  attendees: 'Who was there',
  facilitator: (name: string) => `Facilitated by ${name}`,
  minutesClosed: 'The minutes are closed.',
  minutesOpen: 'The minutes are still open.',
  byAt: (name: string, date: string) => `${name}, ${date}`,
  conferences: 'Care conferences',
  consent: 'Who I let see what',
  accessLog: 'Who looked at or changed my plan',
  setbacks: 'Setbacks (neutral: they never erase gains)',
  offers: 'Offers and resources',
  stopped: (date: string) => `stopped ${date}`,
  participantUpdate: 'In my own words',
  lifecycle: {
    [GoalLifecycle.PROPOSED]: 'proposed',
    [GoalLifecycle.ACTIVE]: 'working on it',
    [GoalLifecycle.ON_HOLD]: 'on hold',
    [GoalLifecycle.ACHIEVED]: 'achieved',
    [GoalLifecycle.RETIRED]: 'set aside',
  } satisfies Record<GoalLifecycle, string>,
  strategyStatus: {
    [StrategyStatus.ALREADY_DOING]: 'already doing',
    [StrategyStatus.WANT_TO_TRY]: 'want to try',
    [StrategyStatus.WORKING]: 'working for me',
    [StrategyStatus.NOT_FOR_ME]: 'not for me',
  } satisfies Record<StrategyStatus, string>,
  rhythm: { NONE: 'when I want', DAILY: 'daily', WEEKLY: 'weekly', FORTNIGHTLY: 'every two weeks', MONTHLY: 'monthly' },
  discipline: {
    [Discipline.CASE_MANAGEMENT]: 'Case manager',
    [Discipline.MEDICAL]: 'Doctor / prescriber',
    [Discipline.NURSING]: 'Nurse',
    [Discipline.HOUSING]: 'Housing worker',
    [Discipline.PEER_SUPPORT]: 'Peer worker',
    [Discipline.BEHAVIOURAL_HEALTH]: 'Counsellor (behavioural health)',
    [Discipline.RECOVERY_COUNSELLING]: 'Recovery counsellor',
  } satisfies Record<Discipline, string>,
  supportPerson: 'Support person',
  domain: {
    [LifeDomain.QUALITY_OF_LIFE]: 'Quality of life',
    [LifeDomain.HEALTH]: 'Health',
    [LifeDomain.SAFETY]: 'Safety',
    [LifeDomain.HOUSING]: 'Housing',
    [LifeDomain.INCOME]: 'Income',
    [LifeDomain.RELATIONSHIPS_AND_SUPPORT]: 'Relationships and support',
    [LifeDomain.EMOTIONAL_WELLBEING]: 'Emotional wellbeing',
    [LifeDomain.SUBSTANCE_USE]: 'Substance use',
    [LifeDomain.OTHER]: 'Other',
  } satisfies Record<LifeDomain, string>,
  label: {
    [SensitivityLabel.GENERAL]: 'general',
    [SensitivityLabel.HOUSING]: 'housing',
    [SensitivityLabel.HEALTH]: 'health',
    [SensitivityLabel.MENTAL_HEALTH]: 'mental health',
    [SensitivityLabel.LEGAL]: 'legal',
    [SensitivityLabel.SUBSTANCE_USE]: 'substance use',
  } satisfies Record<SensitivityLabel, string>,
};

export type Catalogue = typeof EN;

const ES: Catalogue = {
  planTitle: (name) => `El plan de ${name}`,
  minutesTitle: 'Reunión del equipo de cuidado: acta',
  recordTitle: (name) => `Todo lo que Roundtable guarda sobre ${name}`,
  printedOn: (date) => `Impreso el ${date}`,
  page: (n, of) => `Página ${n} de ${of}`,
  vision: 'En mis propias palabras',
  goals: 'Mis metas',
  goalBy: (name) => `Meta propuesta por ${name}`,
  myGoal: 'Mi propia meta',
  writtenWith: (name) => `escrita junto con ${name}`,
  steps: 'Pasos',
  looseSteps: 'Otros pasos',
  stepByMe: 'Lo hago yo',
  stepBy: (name) => `Lo hace ${name}`,
  done: 'hecho',
  toDo: 'por hacer',
  target: (date) => `para: ${date}`,
  strategies: 'Cómo me cuido',
  checkIn: (rhythm) => `repasar: ${rhythm}`,
  lastCheckIn: (date, answer) => `último repaso ${date}: ${answer}`,
  checkInAnswer: {
    [CheckInAnswer.WORKING]: 'me funciona',
    [CheckInAnswer.SOMEWHAT]: 'más o menos',
    [CheckInAnswer.NOT_WORKING]: 'ahora no me funciona',
  },
  team: 'Mi equipo y cómo contactarles',
  noContact: 'pregunta a tu gestor/a de caso',
  metrics: 'Cómo van las cosas',
  latestClinical: 'Últimos valores clínicos',
  latest: (value, date) => `último ${value} (${date})`,
  noValues: 'todavía no hay datos',
  betterHigher: 'más alto es mejor',
  betterLower: 'más bajo es mejor',
  wins: 'Logros recientes',
  nothingYet: 'Todavía no hay nada aquí.',
  agenda: 'Orden del día',
  notes: 'Notas',
  perspectives: 'Puntos de vista',
  decisions: 'Decisiones',
  agreed: 'La persona participante estuvo de acuerdo',
  declined: 'La persona participante no estuvo de acuerdo',
  awaiting: 'Esperando la respuesta de la persona participante',
  actionItems: 'Tareas acordadas',
  amendments: 'Correcciones después de cerrar el acta',
  responses: 'Comentarios y correcciones de la persona participante',
  attendees: 'Quién estuvo',
  facilitator: (name) => `Coordinó ${name}`,
  minutesClosed: 'El acta está cerrada.',
  minutesOpen: 'El acta sigue abierta.',
  byAt: (name, date) => `${name}, ${date}`,
  conferences: 'Reuniones del equipo',
  consent: 'A quién dejo ver qué',
  accessLog: 'Quién vio o cambió mi plan',
  setbacks: 'Tropiezos (neutrales: nunca borran lo logrado)',
  offers: 'Ofrecimientos y recursos',
  stopped: (date) => `retirado el ${date}`,
  participantUpdate: 'En mis propias palabras',
  lifecycle: {
    [GoalLifecycle.PROPOSED]: 'propuesta',
    [GoalLifecycle.ACTIVE]: 'trabajando en ella',
    [GoalLifecycle.ON_HOLD]: 'en pausa',
    [GoalLifecycle.ACHIEVED]: 'lograda',
    [GoalLifecycle.RETIRED]: 'dejada de lado',
  },
  strategyStatus: {
    [StrategyStatus.ALREADY_DOING]: 'ya lo hago',
    [StrategyStatus.WANT_TO_TRY]: 'quiero probar',
    [StrategyStatus.WORKING]: 'me funciona',
    [StrategyStatus.NOT_FOR_ME]: 'no es para mí',
  },
  rhythm: {
    NONE: 'cuando quiera',
    DAILY: 'cada día',
    WEEKLY: 'cada semana',
    FORTNIGHTLY: 'cada dos semanas',
    MONTHLY: 'cada mes',
  },
  discipline: {
    [Discipline.CASE_MANAGEMENT]: 'Gestor/a de caso',
    [Discipline.MEDICAL]: 'Médico/a',
    [Discipline.NURSING]: 'Enfermero/a',
    [Discipline.HOUSING]: 'Trabajador/a de vivienda',
    [Discipline.PEER_SUPPORT]: 'Compañero/a de apoyo',
    [Discipline.BEHAVIOURAL_HEALTH]: 'Consejero/a (salud conductual)',
    [Discipline.RECOVERY_COUNSELLING]: 'Consejero/a de recuperación',
  },
  supportPerson: 'Persona de apoyo',
  domain: {
    [LifeDomain.QUALITY_OF_LIFE]: 'Calidad de vida',
    [LifeDomain.HEALTH]: 'Salud',
    [LifeDomain.SAFETY]: 'Seguridad',
    [LifeDomain.HOUSING]: 'Vivienda',
    [LifeDomain.INCOME]: 'Ingresos',
    [LifeDomain.RELATIONSHIPS_AND_SUPPORT]: 'Relaciones y apoyo',
    [LifeDomain.EMOTIONAL_WELLBEING]: 'Bienestar emocional',
    [LifeDomain.SUBSTANCE_USE]: 'Uso de sustancias',
    [LifeDomain.OTHER]: 'Otro',
  },
  label: {
    [SensitivityLabel.GENERAL]: 'general',
    [SensitivityLabel.HOUSING]: 'vivienda',
    [SensitivityLabel.HEALTH]: 'salud',
    [SensitivityLabel.MENTAL_HEALTH]: 'salud mental',
    [SensitivityLabel.LEGAL]: 'legal',
    [SensitivityLabel.SUBSTANCE_USE]: 'uso de sustancias',
  },
};

const CATALOGUES: Record<ExportLanguage, Catalogue> = { [ExportLanguage.EN]: EN, [ExportLanguage.ES]: ES };

export function catalogueFor(language: ExportLanguage): Catalogue {
  return CATALOGUES[language];
}

/** Dates as people write them in that language, e.g. "3 March 2026" / "3 de marzo de 2026". */
export function formatDate(language: ExportLanguage, date: Date, timeZone = 'UTC'): string {
  return new Intl.DateTimeFormat(language === ExportLanguage.ES ? 'es' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone,
  }).format(date);
}

export function formatDateTime(language: ExportLanguage, date: Date, timeZone = 'UTC'): string {
  return new Intl.DateTimeFormat(language === ExportLanguage.ES ? 'es' : 'en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(date);
}

export function formatNumber(language: ExportLanguage, value: number): string {
  return new Intl.NumberFormat(language === ExportLanguage.ES ? 'es' : 'en', { maximumFractionDigits: 2 }).format(
    value,
  );
}
