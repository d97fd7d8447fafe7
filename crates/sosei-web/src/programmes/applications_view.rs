//! Markup of the applicant's own applications page.

use maud::{Markup, html};
use sosei_core::application::{ApplicationActor, ApplicationStatus};
use sosei_core::{ApplicationId, Locale};

use super::applications::{ListedApplication, MAX_TESTIMONIAL_CHARS, PageState, TestimonialForm};
use super::programme_path;
use super::words::application_status_id;
use crate::context::Ctx;
use crate::forms::{Field, FormErrors, field_label};
use crate::i18n::{format_date, format_date_range, t_args};
use crate::layout::{csrf_field, localized, localized_paragraphs, page};

fn application_path(id: ApplicationId) -> String {
    format!("/me/applications/{id}")
}

/// The Fluent id of the button that moves an application to `to`.
fn action_message_id(to: ApplicationStatus) -> Option<&'static str> {
    match to {
        ApplicationStatus::Accepted => Some("programmes-action-accept"),
        ApplicationStatus::Declined => Some("programmes-action-decline"),
        ApplicationStatus::Withdrawn => Some("programmes-action-withdraw"),
        _ => None,
    }
}

fn status_form(
    ctx: &Ctx,
    listed: &ListedApplication,
    to: ApplicationStatus,
    label_id: &str,
) -> Markup {
    let application = &listed.application;
    let class = if to == ApplicationStatus::Accepted {
        "button"
    } else {
        "button button-secondary"
    };
    html! {
        form method="post" action={ (application_path(application.id)) "/status" } class="inline-form" {
            (csrf_field(ctx))
            input type="hidden" name="from" value=(application.status.as_str());
            input type="hidden" name="to" value=(to.as_str());
            button type="submit" class=(class) { (ctx.t(label_id)) }
        }
    }
}

fn move_form(ctx: &Ctx, id: ApplicationId, direction: &str, label_id: &str) -> Markup {
    html! {
        form method="post" action={ (application_path(id)) "/move" } class="inline-form" {
            (csrf_field(ctx))
            input type="hidden" name="direction" value=(direction);
            button type="submit" class="button button-small button-secondary" { (ctx.t(label_id)) }
        }
    }
}

pub(crate) fn applications_page(
    ctx: &Ctx,
    listed: &[ListedApplication],
    page_state: &PageState,
) -> Markup {
    let title = ctx.t("programmes-my-applications-title");
    let active_count = listed
        .iter()
        .filter(|l| l.application.status.is_active())
        .count();
    let body = html! {
        (crate::layout::PageHeader::new(html! { (title) })
            .lead(html! {
                p class="lead" { (ctx.t("programmes-my-applications-lead")) }
                p class="small" {
                    a href="/programmes" { (ctx.t("programmes-list-title")) }
                    " · " a href="/me/profile" { (ctx.t("programmes-profile-title")) }
                }
            })
            .render())
        @if let Some(notice) = page_state.notice {
            div class="alert alert-success" role="status" { (ctx.t(notice)) }
        }
        @if let Some(problem) = page_state.problem {
            div class="alert alert-error" role="alert" { (ctx.t(problem)) }
        }
        @if listed.is_empty() {
            p class="empty-state" { (ctx.t("programmes-my-applications-empty")) }
        }
        ol class="statement-list" {
            @for (index, item) in listed.iter().enumerate() {
                (application_item(ctx, item, index, active_count, page_state))
            }
        }
    };
    page(ctx, &title, body)
}

fn application_item(
    ctx: &Ctx,
    item: &ListedApplication,
    index: usize,
    active_count: usize,
    page_state: &PageState,
) -> Markup {
    let application = &item.application;
    let programme = &item.programme;
    let status = application.status;
    let applicant_moves: Vec<ApplicationStatus> = status
        .allowed_transitions()
        .iter()
        .filter(|(_, actor)| *actor == ApplicationActor::Applicant)
        .map(|(to, _)| *to)
        .collect();
    let heading_id = format!("application-{}", application.id);
    html! {
        li class="card" aria-labelledby=(heading_id) {
            h2 id=(heading_id) { a href=(programme_path(programme.id)) { (localized(ctx, &programme.title)) } }
            p class="card-meta" {
                (format_date_range(ctx.locale, programme.starts_on, programme.ends_on))
            }
            dl class="stat-list" {
                dt { (ctx.t("programmes-my-status")) }
                dd { strong { (ctx.t(application_status_id(status))) } }
                @if status.is_active() {
                    dt { (ctx.t("programmes-my-rank")) }
                    dd { (t_args(ctx.locale, "programmes-my-rank-value", &[("rank", application.rank.get().into())])) }
                }
            }
            @if status.is_active() && active_count > 1 {
                div class="form-actions" {
                    @if index > 0 { (move_form(ctx, application.id, "up", "programmes-action-up")) }
                    @if index + 1 < active_count { (move_form(ctx, application.id, "down", "programmes-action-down")) }
                }
            }
            @if !applicant_moves.is_empty() {
                div class="form-actions" {
                    @for to in &applicant_moves {
                        @if let Some(label_id) = action_message_id(*to) {
                            (status_form(ctx, item, *to, label_id))
                        }
                    }
                }
            }
            details {
                summary { (ctx.t("programmes-my-history")) }
                ol {
                    @for entry in &item.history {
                        li {
                            (format_date(ctx.locale, entry.at.date())) " "
                            (ctx.t(application_status_id(entry.to)))
                        }
                    }
                }
            }
            @if status == ApplicationStatus::Completed {
                (testimonial_section(ctx, item, page_state))
            }
        }
    }
}

fn testimonial_section(ctx: &Ctx, item: &ListedApplication, page_state: &PageState) -> Markup {
    let id = item.application.id;
    if let Some(testimonial) = &item.testimonial {
        let consent = testimonial.details.consent_to_publish;
        return html! {
            section {
                h3 { (ctx.t("programmes-testimonial-yours")) }
                blockquote { (localized_paragraphs(ctx, &testimonial.details.text)) }
                p { (ctx.t(if consent { "programmes-testimonial-published" } else { "programmes-testimonial-private" })) }
                form method="post" action={ (application_path(id)) "/testimonial/consent" } class="inline-form" {
                    (csrf_field(ctx))
                    @if !consent { input type="hidden" name="consent" value="on"; }
                    button type="submit" class="button button-secondary" {
                        (ctx.t(if consent { "programmes-testimonial-withdraw-consent" } else { "programmes-testimonial-give-consent" }))
                    }
                }
            }
        };
    }
    let empty = (TestimonialForm::default(), FormErrors::new());
    let (form, errors) = match &page_state.testimonial {
        Some((form_id, form, errors)) if *form_id == id => (form, errors),
        _ => (&empty.0, &empty.1),
    };
    let label = |field: &str| field_label(ctx, "programmes-testimonial", field);
    let hint = t_args(
        ctx.locale,
        "programmes-profile-hint-limit",
        &[("max", MAX_TESTIMONIAL_CHARS.into())],
    );
    let consent_id = format!("consent-{id}");
    html! {
        section {
            h3 { (ctx.t("programmes-testimonial-write")) }
            p class="hint" { (ctx.t("programmes-testimonial-lead")) " " (hint) }
            (errors.summary(ctx, label))
            form method="post" action={ (application_path(id)) "/testimonial" } class="stacked" novalidate {
                (csrf_field(ctx))
                div class="bilingual" {
                    (Field::new("text_ja", label("text_ja")).value(&form.text_ja).lang(Locale::Ja).textarea(ctx, errors, 5))
                    (Field::new("text_en", label("text_en")).value(&form.text_en).lang(Locale::En).textarea(ctx, errors, 5))
                }
                div class="checkbox" {
                    input type="checkbox" id=(consent_id) name="consent" value="on" checked[!form.consent.is_empty()];
                    label for=(consent_id) { (ctx.t("programmes-testimonial-consent")) }
                }
                div class="form-actions" {
                    button type="submit" class="button" { (ctx.t("programmes-testimonial-submit")) }
                }
            }
        }
    }
}
