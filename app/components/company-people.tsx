import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { Button } from "./button";
import { FormErrors, SelectField, TextField } from "./form-fields";
import { dateLabel } from "~/lib/format";
import type { MembershipRole } from "~/lib/schemas/company";
import { useSchemaForm, type FormConstraint } from "~/components/use-schema-form";

const ROLE_OPTIONS = [
  { value: "member", label: "Member: posts and edits roles" },
  { value: "owner", label: "Owner: also the profile and the people" },
];

interface Member {
  userId: number;
  email: string;
  displayName: string;
  role: MembershipRole;
}

interface Invitation {
  id: number;
  email: string;
  role: MembershipRole;
  createdAt: number;
}

const dangerClass = "text-sm font-medium text-red-800 underline";

/** The company's people: members, open invitations, and the owners' tools for both. */
export function CompanyPeople({
  isOwner,
  inviteConstraint,
  userId,
  members,
  invitations,
  maxInvitations,
  inviteResult,
  error,
}: {
  isOwner: boolean;
  /** The invitation form's limits (owners only). */
  inviteConstraint: FormConstraint | null;
  userId: number;
  members: Member[];
  invitations: Invitation[];
  maxInvitations: number;
  inviteResult?: SubmissionResult<string[]> | null;
  error: string | null;
}) {
  return (
    <section aria-labelledby="people-heading" className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="people-heading" className="text-xl font-semibold text-slate-900">
        People
      </h2>
      {error ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
      <ul aria-label="Members" className="divide-y divide-slate-100">
        {members.map((member) => (
          <li key={member.userId} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <span className="min-w-0 break-words">
              <span className="font-medium text-slate-900">{member.displayName}</span>
              {member.userId === userId ? <span className="text-slate-600"> (you)</span> : null}{" "}
              <span className="text-sm text-slate-600">
                {member.email} · {member.role}
              </span>
            </span>
            {isOwner && member.userId !== userId ? (
              <span className="flex flex-wrap items-center gap-3">
                <Form method="post" className="flex items-center gap-2">
                  <input type="hidden" name="intent" value="change-role" />
                  <input type="hidden" name="userId" value={member.userId} />
                  <label htmlFor={`role-${member.userId}`} className="sr-only">
                    Role of {member.displayName}
                  </label>
                  <select
                    key={`${member.userId}-${member.role}`}
                    id={`role-${member.userId}`}
                    name="role"
                    defaultValue={member.role}
                    className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
                  >
                    <option value="member">Member</option>
                    <option value="owner">Owner</option>
                  </select>
                  <Button variant="secondary" size="sm">
                    Change role <span className="sr-only">of {member.displayName}</span>
                  </Button>
                </Form>
                <Form method="post">
                  <input type="hidden" name="intent" value="remove-member" />
                  <input type="hidden" name="userId" value={member.userId} />
                  <button type="submit" className={dangerClass}>
                    Remove <span className="sr-only">{member.displayName}</span>
                  </button>
                </Form>
              </span>
            ) : null}
          </li>
        ))}
      </ul>

      {isOwner ? (
        <>
          <div className="flex flex-col gap-2">
            <h3 className="font-semibold text-slate-900">Open invitations</h3>
            {invitations.length === 0 ? (
              <p className="text-sm text-slate-600">None. Invite someone below.</p>
            ) : (
              <ul aria-label="Open invitations" className="divide-y divide-slate-100">
                {invitations.map((invitation) => (
                  <li key={invitation.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                    <span className="min-w-0 break-words text-sm text-slate-800">
                      {invitation.email} · {invitation.role} · invited {dateLabel(invitation.createdAt)}
                    </span>
                    <Form method="post">
                      <input type="hidden" name="intent" value="cancel-invitation" />
                      <input type="hidden" name="invitationId" value={invitation.id} />
                      <button type="submit" className={dangerClass}>
                        Cancel <span className="sr-only">the invitation of {invitation.email}</span>
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            )}
          </div>
          {inviteConstraint ? <InviteForm constraint={inviteConstraint} lastResult={inviteResult} maxInvitations={maxInvitations} /> : null}
        </>
      ) : (
        <p className="text-sm text-slate-600">Only owners can invite or remove people.</p>
      )}

      <Form method="post" className="border-t border-slate-100 pt-4">
        <input type="hidden" name="intent" value="leave" />
        <button type="submit" className={dangerClass}>
          Leave this company
        </button>
      </Form>
    </section>
  );
}

function InviteForm({ constraint, lastResult, maxInvitations }: { constraint: FormConstraint; lastResult?: SubmissionResult<string[]> | null; maxInvitations: number }) {
  const [form, fields] = useSchemaForm(() => import("~/lib/schemas/company").then((m) => m.invitationSchema), {
    id: "invite-form",
    constraint,
    lastResult,
    defaultValue: { role: "member" },
    shouldValidate: "onSubmit",
  });
  return (
    <Form method="post" {...getFormProps(form)} aria-labelledby="invite-heading" className="flex flex-col gap-3">
      <h3 id="invite-heading" className="font-semibold text-slate-900">
        Invite someone
      </h3>
      <p className="text-sm text-slate-600">
        They join when they accept, signed in to Tokenboard with this email address. Up to {maxInvitations} invitations can be open at a time.
      </p>
      <input type="hidden" name="intent" value="invite" />
      <FormErrors errors={form.errors} />
      <div className="grid gap-3 sm:grid-cols-[1fr_auto]">
        <TextField field={fields.email} label="Their email" type="email" autoComplete="off" placeholder="name@company.com" />
        <SelectField field={fields.role} label="As" options={ROLE_OPTIONS} />
      </div>
      <Button className="self-start">Invite</Button>
    </Form>
  );
}
