/** The fastholdelsesplan on the screen: the plan or the refusal, its edit form, its start on the absence page. */
import { DanishDate } from "~/components/deadlines";
import { FastholdelsesplanForm, planDefaultValue } from "~/components/fastholdelsesplan-form";
import { FASTHOLDELSESPLAN_DECISIONS, FASTHOLDELSESPLAN_LABELS, type FastholdelsesplanContent } from "~/forms/fastholdelsesplan";
import { defineSummary, SummaryRow as Row } from "./summary";

function FastholdelsesplanSummary({ content: plan }: { content: FastholdelsesplanContent }) {
  const L = FASTHOLDELSESPLAN_LABELS;
  return (
    <dl className="summary-list document-content">
      <Row label={L.requestedOn}>
        <DanishDate date={plan.requestedOn} />
      </Row>
      <Row label={L.decision}>{FASTHOLDELSESPLAN_DECISIONS.find((o) => o.value === plan.decision)?.label}</Row>
      {plan.decision === "refused" ? (
        <Row label={L.refusalReason}>{plan.refusalReason}</Row>
      ) : (
        <>
          <Row label={L.goal}>{plan.goal}</Row>
          <Row label={L.expectedReturnOn}>{plan.expectedReturnOn ? <DanishDate date={plan.expectedReturnOn} /> : null}</Row>
          <dt>{L.steps}</dt>
          <dd>
            <ol>
              {plan.steps.map((s, i) => (
                <li key={i}>
                  <DanishDate date={s.dueOn} />
                  {`: ${s.description} (ansvarlig: ${s.responsible})`}
                </li>
              ))}
            </ol>
          </dd>
          <Row label={L.adjustments}>{plan.adjustments}</Row>
          <Row label={L.followUpPoints}>{plan.followUpPoints}</Row>
        </>
      )}
    </dl>
  );
}

export const fastholdelsesplanSummary = defineSummary<FastholdelsesplanContent>({
  Content: FastholdelsesplanSummary,
  edit: {
    title: "Ret fastholdelsesplan",
    Form: (props) => (
      <FastholdelsesplanForm
        lastResult={props.lastResult}
        defaultValue={planDefaultValue(props.content, props.today)}
        today={props.today}
        firstAbsenceDay={props.firstAbsenceDay}
        firstFollowUpDue={props.firstFollowUpDue}
        submitLabel="Gem"
      />
    ),
  },
  startOnAbsence: { to: () => "fastholdelsesplan", label: "Fastholdelsesplan" },
});
