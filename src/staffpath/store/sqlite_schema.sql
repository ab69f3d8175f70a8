-- The SQLite schema staffpath's migrations build, for creating a new database in one
-- step. Written by scripts/sqlite_schema.py; do not edit by hand.
-- heads: 0002,0004,0006_ledger_revision,0007_org_snapshots,0009_growth,0010_hiring,0011_unanchored,0013_endorsements,0014_org_profile
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
CREATE TABLE assessment_snapshots (
	id INTEGER NOT NULL, 
	person_id INTEGER NOT NULL, 
	as_of DATE NOT NULL, 
	framework_fingerprint VARCHAR(64) NOT NULL, 
	framework_version VARCHAR(80) NOT NULL, 
	inputs_hash VARCHAR(64) NOT NULL, 
	inputs JSON NOT NULL, 
	result JSON NOT NULL, 
	overall_level VARCHAR(80), 
	label VARCHAR(200) NOT NULL, 
	created_at DATETIME NOT NULL, 
	evidence_count INTEGER NOT NULL, 
	CONSTRAINT pk_assessment_snapshots PRIMARY KEY (id), 
	CONSTRAINT fk_assessment_snapshots_person_id_people FOREIGN KEY(person_id) REFERENCES people (id) ON DELETE CASCADE
);
CREATE TABLE audit_log (
	id INTEGER NOT NULL, 
	at DATETIME NOT NULL, 
	actor_user_id INTEGER, 
	action VARCHAR(40) NOT NULL, 
	target_type VARCHAR(40), 
	target_id INTEGER, 
	outcome VARCHAR(10) NOT NULL, 
	route VARCHAR(200), 
	request_id VARCHAR(40), 
	CONSTRAINT pk_audit_log PRIMARY KEY (id)
);
CREATE TABLE authorship_spans (
	id INTEGER NOT NULL, 
	repo_id INTEGER NOT NULL, 
	path TEXT NOT NULL, 
	author_key VARCHAR(400) NOT NULL, 
	person_id INTEGER, 
	since DATE NOT NULL, 
	until DATE, 
	CONSTRAINT pk_authorship_spans PRIMARY KEY (id), 
	CONSTRAINT fk_authorship_spans_repo_id_mined_repos FOREIGN KEY(repo_id) REFERENCES mined_repos (id) ON DELETE CASCADE, 
	CONSTRAINT fk_authorship_spans_person_id_people FOREIGN KEY(person_id) REFERENCES people (id) ON DELETE SET NULL
);
CREATE TABLE cycle_assignments (
	id INTEGER NOT NULL, 
	nomination_id INTEGER NOT NULL, 
	member_id INTEGER NOT NULL, 
	assigned_at DATETIME NOT NULL, 
	CONSTRAINT pk_cycle_assignments PRIMARY KEY (id), 
	CONSTRAINT fk_cycle_assignments_member_id_people FOREIGN KEY(member_id) REFERENCES people (id) ON DELETE CASCADE, 
	CONSTRAINT fk_cycle_assignments_nomination_id_cycle_nominations FOREIGN KEY(nomination_id) REFERENCES cycle_nominations (id) ON DELETE CASCADE, 
	CONSTRAINT uq_cycle_assignments_nomination_id UNIQUE (nomination_id, member_id)
);
CREATE TABLE cycle_decision_checks (
	id INTEGER NOT NULL, 
	decision_id INTEGER NOT NULL, 
	against_panel BOOLEAN NOT NULL, 
	against_precedent BOOLEAN NOT NULL, 
	details JSON NOT NULL, 
	conditions JSON NOT NULL, 
	CONSTRAINT pk_cycle_decision_checks PRIMARY KEY (id), 
	CONSTRAINT fk_cycle_decision_checks_decision_id_cycle_decisions FOREIGN KEY(decision_id) REFERENCES cycle_decisions (id) ON DELETE CASCADE, 
	CONSTRAINT uq_cycle_decision_checks_decision_id UNIQUE (decision_id)
);
CREATE TABLE cycle_decisions (
	id INTEGER NOT NULL, 
	nomination_id INTEGER NOT NULL, 
	version INTEGER NOT NULL, 
	outcome VARCHAR(20) NOT NULL, 
	rationale TEXT NOT NULL, 
	decided_by_id INTEGER, 
	decided_via VARCHAR(20) NOT NULL, 
	decided_at DATETIME NOT NULL, 
	CONSTRAINT pk_cycle_decisions PRIMARY KEY (id), 
	CONSTRAINT fk_cycle_decisions_decided_by_id_people FOREIGN KEY(decided_by_id) REFERENCES people (id) ON DELETE SET NULL, 
	CONSTRAINT fk_cycle_decisions_nomination_id_cycle_nominations FOREIGN KEY(nomination_id) REFERENCES cycle_nominations (id) ON DELETE CASCADE, 
	CONSTRAINT uq_cycle_decisions_nomination_id UNIQUE (nomination_id, version)
);
CREATE TABLE cycle_manager_statements (
	id INTEGER NOT NULL, 
	nomination_id INTEGER NOT NULL, 
	manager_id INTEGER, 
	text TEXT NOT NULL, 
	updated_at DATETIME NOT NULL, 
	signed_off_at DATETIME, 
	CONSTRAINT pk_cycle_manager_statements PRIMARY KEY (id), 
	CONSTRAINT fk_cycle_manager_statements_manager_id_people FOREIGN KEY(manager_id) REFERENCES people (id) ON DELETE SET NULL, 
	CONSTRAINT fk_cycle_manager_statements_nomination_id_cycle_nominations FOREIGN KEY(nomination_id) REFERENCES cycle_nominations (id) ON DELETE CASCADE, 
	CONSTRAINT uq_cycle_manager_statements_nomination_id UNIQUE (nomination_id)
);
CREATE TABLE cycle_nominations (
	id INTEGER NOT NULL, 
	cycle_id INTEGER NOT NULL, 
	person_id INTEGER NOT NULL, 
	nominated_by VARCHAR(20) NOT NULL, 
	manager_id INTEGER, 
	manager_agreed_at DATETIME, 
	manager_ratings JSON NOT NULL, 
	created_at DATETIME NOT NULL, 
	submitted_at DATETIME, 
	snapshot_id INTEGER, 
	packet_md TEXT, 
	packet_html TEXT, 
	frozen JSON NOT NULL, packet_md_blind TEXT, packet_html_blind TEXT, 
	CONSTRAINT pk_cycle_nominations PRIMARY KEY (id), 
	CONSTRAINT fk_cycle_nominations_cycle_id_cycles FOREIGN KEY(cycle_id) REFERENCES cycles (id) ON DELETE CASCADE, 
	CONSTRAINT fk_cycle_nominations_manager_id_people FOREIGN KEY(manager_id) REFERENCES people (id) ON DELETE SET NULL, 
	CONSTRAINT fk_cycle_nominations_person_id_people FOREIGN KEY(person_id) REFERENCES people (id) ON DELETE CASCADE, 
	CONSTRAINT fk_cycle_nominations_snapshot_id_assessment_snapshots FOREIGN KEY(snapshot_id) REFERENCES assessment_snapshots (id) ON DELETE SET NULL, 
	CONSTRAINT uq_cycle_nominations_cycle_id UNIQUE (cycle_id, person_id)
);
CREATE TABLE cycle_panel_conflicts (
	id INTEGER NOT NULL, 
	assignment_id INTEGER NOT NULL, 
	reasons JSON NOT NULL, 
	acknowledgement TEXT NOT NULL, 
	acknowledged_at DATETIME NOT NULL, 
	CONSTRAINT pk_cycle_panel_conflicts PRIMARY KEY (id), 
	CONSTRAINT fk_cycle_panel_conflicts_assignment_id_cycle_assignments FOREIGN KEY(assignment_id) REFERENCES cycle_assignments (id) ON DELETE CASCADE, 
	CONSTRAINT uq_cycle_panel_conflicts_assignment_id UNIQUE (assignment_id)
);
CREATE TABLE cycle_report_groups (
	person_id INTEGER NOT NULL, 
	"group" VARCHAR(80) NOT NULL, 
	CONSTRAINT pk_cycle_report_groups PRIMARY KEY (person_id), 
	CONSTRAINT fk_cycle_report_groups_person_id_people FOREIGN KEY(person_id) REFERENCES people (id) ON DELETE CASCADE
);
CREATE TABLE cycle_scores (
	id INTEGER NOT NULL, 
	nomination_id INTEGER NOT NULL, 
	member_id INTEGER NOT NULL, 
	dimension VARCHAR(80) NOT NULL, 
	level VARCHAR(80) NOT NULL, 
	comment TEXT NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_cycle_scores PRIMARY KEY (id), 
	CONSTRAINT fk_cycle_scores_member_id_people FOREIGN KEY(member_id) REFERENCES people (id) ON DELETE CASCADE, 
	CONSTRAINT fk_cycle_scores_nomination_id_cycle_nominations FOREIGN KEY(nomination_id) REFERENCES cycle_nominations (id) ON DELETE CASCADE, 
	CONSTRAINT uq_cycle_scores_nomination_id UNIQUE (nomination_id, member_id, dimension)
);
CREATE TABLE "cycles" (
	id INTEGER NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	opens_on DATE NOT NULL, 
	closes_on DATE NOT NULL, 
	framework_fingerprint VARCHAR(64) NOT NULL, 
	framework_version VARCHAR(80) NOT NULL, 
	state VARCHAR(20) NOT NULL, 
	created_at DATETIME NOT NULL, 
	calibration_at DATETIME, 
	released_at DATETIME, 
	version INTEGER NOT NULL, 
	unanchored BOOLEAN DEFAULT 1 NOT NULL, 
	CONSTRAINT pk_cycles PRIMARY KEY (id), 
	CONSTRAINT uq_cycles_name UNIQUE (name)
);
CREATE TABLE endorsements (
	id INTEGER NOT NULL, 
	evidence_id INTEGER NOT NULL, 
	owner_id INTEGER NOT NULL, 
	colleague_id INTEGER NOT NULL, 
	asked_by_id INTEGER, 
	note TEXT, 
	state VARCHAR(20) NOT NULL, 
	text TEXT, 
	asked_at DATETIME NOT NULL, 
	answered_at DATETIME, 
	CONSTRAINT pk_endorsements PRIMARY KEY (id), 
	CONSTRAINT fk_endorsements_evidence_id_evidence FOREIGN KEY(evidence_id) REFERENCES evidence (id) ON DELETE CASCADE, 
	CONSTRAINT fk_endorsements_owner_id_people FOREIGN KEY(owner_id) REFERENCES people (id) ON DELETE CASCADE, 
	CONSTRAINT fk_endorsements_colleague_id_people FOREIGN KEY(colleague_id) REFERENCES people (id) ON DELETE CASCADE, 
	CONSTRAINT fk_endorsements_asked_by_id_people FOREIGN KEY(asked_by_id) REFERENCES people (id) ON DELETE SET NULL, 
	CONSTRAINT uq_endorsements_evidence_id UNIQUE (evidence_id, colleague_id)
);
CREATE TABLE evidence (
	id INTEGER NOT NULL, 
	person_id INTEGER NOT NULL, 
	date_start DATE, 
	date_end DATE, 
	title TEXT NOT NULL, 
	body TEXT NOT NULL, 
	kind VARCHAR(40) NOT NULL, 
	project VARCHAR(300), 
	teams JSON NOT NULL, 
	stakeholders JSON NOT NULL, 
	people JSON NOT NULL, 
	scope INTEGER, 
	impact_money NUMERIC(18, 2), 
	impact_currency VARCHAR(3), 
	impact_period VARCHAR(20), 
	impact_metric DOUBLE, 
	impact_unit VARCHAR(40), 
	impact_text TEXT, 
	dimensions JSON NOT NULL, 
	tags JSON NOT NULL, 
	source_type VARCHAR(20) NOT NULL, 
	source_ref TEXT, 
	source_line INTEGER, 
	source_key VARCHAR(128), 
	extra JSON NOT NULL, 
	version INTEGER NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	deleted_at DATETIME, role INTEGER, attested_by JSON DEFAULT '[]' NOT NULL, 
	CONSTRAINT pk_evidence PRIMARY KEY (id), 
	CONSTRAINT fk_evidence_person_id_people FOREIGN KEY(person_id) REFERENCES people (id) ON DELETE CASCADE
);
CREATE TABLE evidence_revisions (
	id INTEGER NOT NULL, 
	evidence_id INTEGER NOT NULL, 
	version INTEGER NOT NULL, 
	change VARCHAR(20) NOT NULL, 
	snapshot JSON NOT NULL, 
	changed_at DATETIME NOT NULL, 
	CONSTRAINT pk_evidence_revisions PRIMARY KEY (id), 
	CONSTRAINT fk_evidence_revisions_evidence_id_evidence FOREIGN KEY(evidence_id) REFERENCES evidence (id) ON DELETE CASCADE
);
CREATE TABLE frameworks (
	id INTEGER NOT NULL, 
	slug VARCHAR(120) NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	version VARCHAR(80) NOT NULL, 
	fingerprint VARCHAR(64) NOT NULL, 
	content TEXT NOT NULL, 
	source TEXT, 
	active BOOLEAN NOT NULL, 
	loaded_at DATETIME NOT NULL, 
	CONSTRAINT pk_frameworks PRIMARY KEY (id), 
	CONSTRAINT uq_frameworks_fingerprint UNIQUE (fingerprint)
);
CREATE TABLE git_identities (
	id INTEGER NOT NULL, 
	name VARCHAR(300) NOT NULL, 
	email VARCHAR(320) NOT NULL, 
	first_seen DATETIME NOT NULL, 
	CONSTRAINT pk_git_identities PRIMARY KEY (id), 
	CONSTRAINT uq_git_identities_name_email UNIQUE (name, email)
);
CREATE TABLE growth_checkins (
	id INTEGER NOT NULL, 
	promotion_id INTEGER NOT NULL, 
	month INTEGER NOT NULL, 
	answered_on DATE NOT NULL, 
	happy BOOLEAN NOT NULL, 
	wants_back BOOLEAN NOT NULL, 
	in_role BOOLEAN NOT NULL, 
	note TEXT NOT NULL, 
	CONSTRAINT pk_growth_checkins PRIMARY KEY (id), 
	CONSTRAINT fk_growth_checkins_promotion_id_growth_promotions FOREIGN KEY(promotion_id) REFERENCES growth_promotions (id) ON DELETE CASCADE, 
	CONSTRAINT uq_growth_checkins_promotion_id UNIQUE (promotion_id, month)
);
CREATE TABLE growth_goals (
	id INTEGER NOT NULL, 
	title VARCHAR(300) NOT NULL, 
	period VARCHAR(40) NOT NULL, 
	owner_id INTEGER, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_growth_goals PRIMARY KEY (id), 
	CONSTRAINT fk_growth_goals_owner_id_people FOREIGN KEY(owner_id) REFERENCES people (id) ON DELETE SET NULL, 
	CONSTRAINT uq_growth_goals_title UNIQUE (title)
);
CREATE TABLE growth_opportunities (
	id INTEGER NOT NULL, 
	title VARCHAR(300) NOT NULL, 
	description TEXT NOT NULL, 
	kind VARCHAR(40) NOT NULL, 
	teams JSON NOT NULL, 
	reach INTEGER NOT NULL, 
	duration_weeks INTEGER NOT NULL, 
	dimensions JSON NOT NULL, 
	owner_id INTEGER, 
	goal_id INTEGER, 
	status VARCHAR(20) NOT NULL, 
	source_ref VARCHAR(500), 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_growth_opportunities PRIMARY KEY (id), 
	CONSTRAINT fk_growth_opportunities_owner_id_people FOREIGN KEY(owner_id) REFERENCES people (id) ON DELETE SET NULL, 
	CONSTRAINT fk_growth_opportunities_goal_id_growth_goals FOREIGN KEY(goal_id) REFERENCES growth_goals (id) ON DELETE SET NULL, 
	CONSTRAINT uq_growth_opportunities_source_ref UNIQUE (source_ref)
);
CREATE TABLE growth_plan_steps (
	id INTEGER NOT NULL, 
	plan_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	title TEXT NOT NULL, 
	rules JSON NOT NULL, 
	dimensions JSON NOT NULL, 
	min_scope INTEGER NOT NULL, 
	min_role INTEGER NOT NULL, 
	items_needed INTEGER NOT NULL, 
	span_months INTEGER NOT NULL, 
	target_date DATE NOT NULL, 
	opportunity_id INTEGER, 
	CONSTRAINT pk_growth_plan_steps PRIMARY KEY (id), 
	CONSTRAINT fk_growth_plan_steps_plan_id_growth_plans FOREIGN KEY(plan_id) REFERENCES growth_plans (id) ON DELETE CASCADE, 
	CONSTRAINT fk_growth_plan_steps_opportunity_id_growth_opportunities FOREIGN KEY(opportunity_id) REFERENCES growth_opportunities (id) ON DELETE SET NULL
);
CREATE TABLE growth_plans (
	id INTEGER NOT NULL, 
	person_id INTEGER NOT NULL, 
	started_on DATE NOT NULL, 
	target_level VARCHAR(80) NOT NULL, 
	framework_fingerprint VARCHAR(64) NOT NULL, 
	status VARCHAR(20) NOT NULL, 
	gaps_at_start JSON NOT NULL, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_growth_plans PRIMARY KEY (id), 
	CONSTRAINT fk_growth_plans_person_id_people FOREIGN KEY(person_id) REFERENCES people (id) ON DELETE CASCADE
);
CREATE TABLE growth_promotions (
	id INTEGER NOT NULL, 
	person_id INTEGER NOT NULL, 
	promoted_on DATE NOT NULL, 
	from_level VARCHAR(80), 
	to_level VARCHAR(80) NOT NULL, 
	CONSTRAINT pk_growth_promotions PRIMARY KEY (id), 
	CONSTRAINT fk_growth_promotions_person_id_people FOREIGN KEY(person_id) REFERENCES people (id) ON DELETE CASCADE
);
CREATE TABLE growth_reflections (
	person_id INTEGER NOT NULL, 
	energises TEXT NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_growth_reflections PRIMARY KEY (person_id), 
	CONSTRAINT fk_growth_reflections_person_id_people FOREIGN KEY(person_id) REFERENCES people (id) ON DELETE CASCADE
);
CREATE TABLE growth_sponsorships (
	id INTEGER NOT NULL, 
	opportunity_id INTEGER NOT NULL, 
	person_id INTEGER NOT NULL, 
	sponsor_id INTEGER, 
	assigned_on DATE NOT NULL, 
	outcome VARCHAR(20) NOT NULL, 
	outcome_note TEXT NOT NULL, 
	closed_on DATE, 
	evidence_ids JSON NOT NULL, 
	level_at_start VARCHAR(80), 
	CONSTRAINT pk_growth_sponsorships PRIMARY KEY (id), 
	CONSTRAINT fk_growth_sponsorships_opportunity_id_growth_opportunities FOREIGN KEY(opportunity_id) REFERENCES growth_opportunities (id) ON DELETE CASCADE, 
	CONSTRAINT fk_growth_sponsorships_person_id_people FOREIGN KEY(person_id) REFERENCES people (id) ON DELETE CASCADE, 
	CONSTRAINT fk_growth_sponsorships_sponsor_id_people FOREIGN KEY(sponsor_id) REFERENCES people (id) ON DELETE SET NULL
);
CREATE TABLE hiring_candidate_titles (
	id INTEGER NOT NULL, 
	candidate_id INTEGER NOT NULL, 
	title VARCHAR(200) NOT NULL, 
	company VARCHAR(200) NOT NULL, 
	org_engineers INTEGER NOT NULL, 
	teams_led INTEGER NOT NULL, 
	led_leaders BOOLEAN NOT NULL, 
	reach VARCHAR(20) NOT NULL, 
	years INTEGER NOT NULL, 
	CONSTRAINT pk_hiring_candidate_titles PRIMARY KEY (id), 
	CONSTRAINT fk_hiring_candidate_titles_candidate_id_hiring_candidates FOREIGN KEY(candidate_id) REFERENCES hiring_candidates (id) ON DELETE CASCADE
);
CREATE TABLE hiring_candidates (
	id INTEGER NOT NULL, 
	name VARCHAR(200), 
	email VARCHAR(320), 
	notes TEXT, 
	created_at DATETIME NOT NULL, 
	erased_at DATETIME, 
	hired_person_id INTEGER, 
	CONSTRAINT pk_hiring_candidates PRIMARY KEY (id), 
	CONSTRAINT fk_hiring_candidates_hired_person_id_people FOREIGN KEY(hired_person_id) REFERENCES people (id) ON DELETE SET NULL
);
CREATE TABLE hiring_decisions (
	id INTEGER NOT NULL, 
	loop_id INTEGER NOT NULL, 
	version INTEGER NOT NULL, 
	outcome VARCHAR(20) NOT NULL, 
	level VARCHAR(80), 
	rationale TEXT NOT NULL, 
	decided_by_id INTEGER, 
	decided_at DATETIME NOT NULL, 
	CONSTRAINT pk_hiring_decisions PRIMARY KEY (id), 
	CONSTRAINT fk_hiring_decisions_decided_by_id_people FOREIGN KEY(decided_by_id) REFERENCES people (id) ON DELETE SET NULL, 
	CONSTRAINT fk_hiring_decisions_loop_id_hiring_loops FOREIGN KEY(loop_id) REFERENCES hiring_loops (id) ON DELETE CASCADE, 
	CONSTRAINT uq_hiring_decisions_loop_id UNIQUE (loop_id, version)
);
CREATE TABLE hiring_interviews (
	id INTEGER NOT NULL, 
	loop_id INTEGER NOT NULL, 
	interviewer_id INTEGER NOT NULL, 
	kind VARCHAR(40) NOT NULL, 
	dimensions JSON NOT NULL, 
	questions JSON NOT NULL, 
	conflicts JSON NOT NULL, 
	acknowledgement TEXT, 
	CONSTRAINT pk_hiring_interviews PRIMARY KEY (id), 
	CONSTRAINT fk_hiring_interviews_interviewer_id_people FOREIGN KEY(interviewer_id) REFERENCES people (id) ON DELETE CASCADE, 
	CONSTRAINT fk_hiring_interviews_loop_id_hiring_loops FOREIGN KEY(loop_id) REFERENCES hiring_loops (id) ON DELETE CASCADE, 
	CONSTRAINT uq_hiring_interviews_loop_id UNIQUE (loop_id, interviewer_id)
);
CREATE TABLE hiring_loops (
	id INTEGER NOT NULL, 
	candidate_id INTEGER NOT NULL, 
	role_id INTEGER NOT NULL, 
	target_level VARCHAR(80) NOT NULL, 
	archetype VARCHAR(80), 
	framework_fingerprint VARCHAR(64) NOT NULL, 
	mapped_level VARCHAR(80), 
	mapping JSON NOT NULL, 
	state VARCHAR(20) NOT NULL, 
	created_at DATETIME NOT NULL, 
	debrief_at DATETIME, 
	CONSTRAINT pk_hiring_loops PRIMARY KEY (id), 
	CONSTRAINT fk_hiring_loops_candidate_id_hiring_candidates FOREIGN KEY(candidate_id) REFERENCES hiring_candidates (id) ON DELETE CASCADE, 
	CONSTRAINT fk_hiring_loops_role_id_hiring_roles FOREIGN KEY(role_id) REFERENCES hiring_roles (id) ON DELETE CASCADE
);
CREATE TABLE hiring_roles (
	id INTEGER NOT NULL, 
	title VARCHAR(200) NOT NULL, 
	target_level VARCHAR(80) NOT NULL, 
	archetype VARCHAR(80), 
	hiring_manager_id INTEGER, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_hiring_roles PRIMARY KEY (id), 
	CONSTRAINT fk_hiring_roles_hiring_manager_id_people FOREIGN KEY(hiring_manager_id) REFERENCES people (id) ON DELETE SET NULL
);
CREATE TABLE hiring_scorecards (
	id INTEGER NOT NULL, 
	interview_id INTEGER NOT NULL, 
	levels JSON NOT NULL, 
	evidence JSON NOT NULL, 
	lean VARCHAR(20), 
	updated_at DATETIME NOT NULL, 
	submitted_at DATETIME, 
	CONSTRAINT pk_hiring_scorecards PRIMARY KEY (id), 
	CONSTRAINT fk_hiring_scorecards_interview_id_hiring_interviews FOREIGN KEY(interview_id) REFERENCES hiring_interviews (id) ON DELETE CASCADE, 
	CONSTRAINT uq_hiring_scorecards_interview_id UNIQUE (interview_id)
);
CREATE TABLE identity_rules (
	id INTEGER NOT NULL, 
	kind VARCHAR(10) NOT NULL, 
	identity_id INTEGER NOT NULL, 
	other_id INTEGER, 
	person_id INTEGER, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_identity_rules PRIMARY KEY (id), 
	CONSTRAINT fk_identity_rules_identity_id_git_identities FOREIGN KEY(identity_id) REFERENCES git_identities (id) ON DELETE CASCADE, 
	CONSTRAINT fk_identity_rules_other_id_git_identities FOREIGN KEY(other_id) REFERENCES git_identities (id) ON DELETE CASCADE, 
	CONSTRAINT fk_identity_rules_person_id_people FOREIGN KEY(person_id) REFERENCES people (id) ON DELETE CASCADE
);
CREATE TABLE journal_notes (
	id INTEGER NOT NULL, 
	person_id INTEGER NOT NULL, 
	category VARCHAR(20) NOT NULL, 
	section TEXT NOT NULL, 
	text TEXT NOT NULL, 
	source_ref TEXT, 
	source_line INTEGER, 
	source_key VARCHAR(128) NOT NULL, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_journal_notes PRIMARY KEY (id), 
	CONSTRAINT fk_journal_notes_person_id_people FOREIGN KEY(person_id) REFERENCES people (id) ON DELETE CASCADE
);
CREATE TABLE login_attempts (
	id INTEGER NOT NULL, 
	login VARCHAR(64) NOT NULL, 
	ip VARCHAR(64) NOT NULL, 
	success BOOLEAN NOT NULL, 
	at DATETIME NOT NULL, 
	CONSTRAINT pk_login_attempts PRIMARY KEY (id)
);
CREATE TABLE mined_facts (
	id INTEGER NOT NULL, 
	repo_id INTEGER NOT NULL, 
	kind VARCHAR(20) NOT NULL, 
	author_key VARCHAR(400) NOT NULL, 
	period VARCHAR(10) NOT NULL, 
	data JSON NOT NULL, 
	CONSTRAINT pk_mined_facts PRIMARY KEY (id), 
	CONSTRAINT fk_mined_facts_repo_id_mined_repos FOREIGN KEY(repo_id) REFERENCES mined_repos (id) ON DELETE CASCADE, 
	CONSTRAINT uq_mined_facts_repo_kind_author_period UNIQUE (repo_id, kind, author_key, period)
);
CREATE TABLE mined_repos (
	id INTEGER NOT NULL, 
	path TEXT NOT NULL, 
	branch VARCHAR(255) NOT NULL, 
	name VARCHAR(255) NOT NULL, 
	tip VARCHAR(64), 
	commits INTEGER NOT NULL, 
	authors INTEGER NOT NULL, 
	files INTEGER NOT NULL, 
	truck_factor INTEGER NOT NULL, 
	report JSON NOT NULL, 
	state BLOB, 
	mined_at DATETIME NOT NULL, 
	CONSTRAINT pk_mined_repos PRIMARY KEY (id), 
	CONSTRAINT uq_mined_repos_path_branch UNIQUE (path, branch)
);
CREATE TABLE org_item_columns (
	person_id INTEGER NOT NULL, 
	inputs VARCHAR(64) NOT NULL, 
	data BLOB NOT NULL, 
	CONSTRAINT pk_org_item_columns PRIMARY KEY (person_id), 
	CONSTRAINT fk_org_item_columns_person_id_people FOREIGN KEY(person_id) REFERENCES people (id) ON DELETE CASCADE
);
CREATE TABLE org_profile (
	id INTEGER NOT NULL, 
	engineers INTEGER NOT NULL, 
	teams INTEGER NOT NULL, 
	declared_at DATETIME NOT NULL, 
	CONSTRAINT pk_org_profile PRIMARY KEY (id)
);
CREATE TABLE org_snapshots (
	kind VARCHAR(40) NOT NULL, 
	scope VARCHAR(200) NOT NULL, 
	inputs VARCHAR(64) NOT NULL, 
	text TEXT NOT NULL, 
	data BLOB NOT NULL, 
	computed_at DATETIME NOT NULL, 
	CONSTRAINT pk_org_snapshots PRIMARY KEY (kind, scope)
);
CREATE TABLE people (
	id INTEGER NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	handle VARCHAR(200) NOT NULL, 
	team_id INTEGER, 
	manager_id INTEGER, 
	role VARCHAR(40) NOT NULL, 
	level VARCHAR(80), 
	target_level VARCHAR(80), 
	active BOOLEAN NOT NULL, 
	created_at DATETIME NOT NULL, ledger_revision INTEGER DEFAULT '0' NOT NULL, 
	CONSTRAINT pk_people PRIMARY KEY (id), 
	CONSTRAINT fk_people_manager_id_people FOREIGN KEY(manager_id) REFERENCES people (id) ON DELETE SET NULL, 
	CONSTRAINT fk_people_team_id_teams FOREIGN KEY(team_id) REFERENCES teams (id) ON DELETE SET NULL, 
	CONSTRAINT uq_people_handle UNIQUE (handle)
);
CREATE TABLE person_emails (
	id INTEGER NOT NULL, 
	person_id INTEGER NOT NULL, 
	email VARCHAR(320) NOT NULL, 
	CONSTRAINT pk_person_emails PRIMARY KEY (id), 
	CONSTRAINT fk_person_emails_person_id_people FOREIGN KEY(person_id) REFERENCES people (id) ON DELETE CASCADE, 
	CONSTRAINT uq_person_emails_email UNIQUE (email)
);
CREATE TABLE self_ratings (
	id INTEGER NOT NULL, 
	person_id INTEGER NOT NULL, 
	dimension VARCHAR(80) NOT NULL, 
	level VARCHAR(80) NOT NULL, 
	note TEXT NOT NULL, 
	rated_at DATETIME NOT NULL, 
	CONSTRAINT pk_self_ratings PRIMARY KEY (id), 
	CONSTRAINT fk_self_ratings_person_id_people FOREIGN KEY(person_id) REFERENCES people (id) ON DELETE CASCADE
);
CREATE TABLE teams (
	id INTEGER NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	org_unit VARCHAR(200), 
	description TEXT, 
	owns JSON NOT NULL, 
	CONSTRAINT pk_teams PRIMARY KEY (id), 
	CONSTRAINT uq_teams_name UNIQUE (name)
);
CREATE TABLE users (
	id INTEGER NOT NULL, 
	person_id INTEGER, 
	login VARCHAR(320) NOT NULL, 
	password_hash VARCHAR(255) NOT NULL, 
	is_admin BOOLEAN NOT NULL, 
	is_committee BOOLEAN NOT NULL, 
	active BOOLEAN NOT NULL, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_users PRIMARY KEY (id), 
	CONSTRAINT fk_users_person_id_people FOREIGN KEY(person_id) REFERENCES people (id) ON DELETE SET NULL, 
	CONSTRAINT uq_users_login UNIQUE (login), 
	CONSTRAINT uq_users_person_id UNIQUE (person_id)
);
CREATE TABLE web_sessions (
	id INTEGER NOT NULL, 
	token_hash VARCHAR(64) NOT NULL, 
	user_id INTEGER NOT NULL, 
	csrf_token VARCHAR(64) NOT NULL, 
	created_at DATETIME NOT NULL, 
	last_seen_at DATETIME NOT NULL, 
	CONSTRAINT pk_web_sessions PRIMARY KEY (id), 
	CONSTRAINT fk_web_sessions_user_id_users FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE, 
	CONSTRAINT uq_web_sessions_token_hash UNIQUE (token_hash)
);
CREATE TABLE workspace_settings (
	"key" VARCHAR(80) NOT NULL, 
	value JSON NOT NULL, 
	CONSTRAINT pk_workspace_settings PRIMARY KEY ("key")
);
CREATE INDEX ix_assessment_snapshots_person ON assessment_snapshots (person_id, as_of);
CREATE INDEX ix_audit_log_at ON audit_log (at);
CREATE INDEX ix_authorship_spans_repo_author ON authorship_spans (repo_id, author_key);
CREATE INDEX ix_authorship_spans_repo_path ON authorship_spans (repo_id, path);
CREATE INDEX ix_cycle_assignments_member_id ON cycle_assignments (member_id);
CREATE INDEX ix_cycle_nominations_person_id ON cycle_nominations (person_id);
CREATE INDEX ix_cycle_scores_member_id ON cycle_scores (member_id);
CREATE INDEX ix_endorsements_colleague_id ON endorsements (colleague_id);
CREATE INDEX ix_endorsements_owner_id ON endorsements (owner_id);
CREATE INDEX ix_evidence_person_date ON evidence (person_id, date_start);
CREATE INDEX ix_evidence_revisions_evidence_id ON evidence_revisions (evidence_id);
CREATE INDEX ix_evidence_source ON evidence (person_id, source_type, source_ref);
CREATE INDEX ix_growth_plan_steps_plan_id ON growth_plan_steps (plan_id);
CREATE INDEX ix_growth_plans_person_id ON growth_plans (person_id);
CREATE INDEX ix_growth_promotions_person_id ON growth_promotions (person_id);
CREATE INDEX ix_growth_sponsorships_opportunity_id ON growth_sponsorships (opportunity_id);
CREATE INDEX ix_growth_sponsorships_person_id ON growth_sponsorships (person_id);
CREATE INDEX ix_hiring_candidate_titles_candidate_id ON hiring_candidate_titles (candidate_id);
CREATE INDEX ix_hiring_interviews_interviewer_id ON hiring_interviews (interviewer_id);
CREATE INDEX ix_hiring_loops_candidate_id ON hiring_loops (candidate_id);
CREATE INDEX ix_hiring_loops_role_id ON hiring_loops (role_id);
CREATE INDEX ix_hiring_roles_hiring_manager_id ON hiring_roles (hiring_manager_id);
CREATE INDEX ix_identity_rules_identity_id ON identity_rules (identity_id);
CREATE INDEX ix_journal_notes_person_source ON journal_notes (person_id, source_ref);
CREATE INDEX ix_login_attempts_ip_at ON login_attempts (ip, at);
CREATE INDEX ix_login_attempts_login_at ON login_attempts (login, at);
CREATE INDEX ix_mined_facts_repo_period ON mined_facts (repo_id, period);
CREATE INDEX ix_people_manager_id ON people (manager_id);
CREATE INDEX ix_people_role_active ON people (role, active);
CREATE INDEX ix_person_emails_person_id ON person_emails (person_id);
CREATE INDEX ix_self_ratings_person_dim ON self_ratings (person_id, dimension);
CREATE INDEX ix_web_sessions_user_id ON web_sessions (user_id);
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER evidence_revision_delete AFTER DELETE ON evidence
        BEGIN UPDATE people SET ledger_revision = ledger_revision + 1 WHERE id = OLD.person_id; END;
CREATE TRIGGER evidence_revision_insert AFTER INSERT ON evidence
        BEGIN UPDATE people SET ledger_revision = ledger_revision + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER evidence_revision_update AFTER UPDATE ON evidence
        BEGIN UPDATE people SET ledger_revision = ledger_revision + 1 WHERE id = OLD.person_id;
              UPDATE people SET ledger_revision = ledger_revision + 1
              WHERE id = NEW.person_id AND NEW.person_id IS NOT OLD.person_id; END;
