import { Injectable } from '@nestjs/common';
import type { SensitivityLabel } from '@roundtable/contracts';
import { ConsentService } from '@roundtable/access';
import { badUserInput } from '@roundtable/platform';

/**
 * A team member making items stricter may not show them to anyone new. Labels are separate
 * compartments ranked by strictness, not nested ones: someone the participant granted LEGAL
 * alone would gain sight of a MENTAL_HEALTH step moved to LEGAL. The participant decides who
 * sees what (PRODUCT.md rule 10), so such a move is theirs to make; a team member's is refused
 * on `input.label`, naming no one (what others were granted is the participant's to show).
 */
@Injectable()
export class StricterLabelGuard {
  constructor(private readonly consent: ConsentService) {}

  async assertNobodyGainsSight(
    participantId: string,
    items: readonly { label: SensitivityLabel }[],
    to: SensitivityLabel,
  ): Promise<void> {
    const from = [...new Set(items.map((item) => item.label))].filter((label) => label !== to);
    if (from.length === 0) return;
    if (await this.consent.someoneWouldGainSight(participantId, from, to)) {
      throw badUserInput(
        'input.label',
        `input.label: someone on the team who sees ${to.toLowerCase().replaceAll('_', ' ')} does not see this item now, so this would show it to them; choose another label, or ask the participant, who decides who sees what`,
      );
    }
  }
}
