//! Markup of the public programme list and programme page.

use std::collections::HashMap;

use maud::{Markup, html};
use sosei_core::programme::after::DeliverableLocation;
use sosei_core::{Municipality, MunicipalityCode, Programme, ProgrammeStatus};

use super::programme_path;
use super::public::ProgrammePage;
use super::words::{
    deliverable_details, deliverable_kind_id, japanese_rule_sentence, need_sentence,
    programme_status_id, reference_direction_id, team_size_sentence,
};
use crate::context::Ctx;
use crate::i18n::{format_date_range, t_args};
use crate::layout::{PageHeader, localized, localized_excerpt, localized_paragraphs, page};

/// Characters of a summary shown on a card.
const SUMMARY_EXCERPT_CHARS: usize = 160;

pub(crate) fn breadcrumb(ctx: &Ctx, programme: Option<&Programme>) -> Markup {
    html! {
        nav aria-label=(ctx.t("breadcrumb-label")) class="breadcrumb" {
            ol {
                li { a href="/" { (ctx.t("programmes-breadcrumb-home")) } }
                li { a href="/programmes" { (ctx.t("programmes-list-title")) } }
                @if let Some(programme) = programme {
                    li { a href=(programme_path(programme.id)) { (localized(ctx, &programme.title)) } }
                }
            }
        }
    }
}

fn status_tag(ctx: &Ctx, status: ProgrammeStatus) -> Markup {
    html! {
        span class={ "tag state-tag state-" (status.as_str()) } { (ctx.t(programme_status_id(status))) }
    }
}

/// "Applications: 1 – 31 January 2017", or nothing when no window is set.
pub(crate) fn application_window_line(ctx: &Ctx, programme: &Programme) -> Option<String> {
    let window = programme.details.application_window?;
    Some(t_args(
        ctx.locale,
        "programmes-application-window",
        &[(
            "dates",
            format_date_range(ctx.locale, window.starts_on(), window.ends_on()).into(),
        )],
    ))
}

fn region_link(ctx: &Ctx, code: MunicipalityCode, region: Option<&Municipality>) -> Markup {
    match region {
        Some(municipality) => html! {
            a href={ "/regions/" (code) } { (crate::regions::municipality_name(ctx.locale, municipality)) }
        },
        None => html! { (code) },
    }
}

pub(crate) fn list_page(
    ctx: &Ctx,
    groups: &[(ProgrammeStatus, Vec<Programme>)],
    regions: &HashMap<MunicipalityCode, Municipality>,
) -> Markup {
    let title = ctx.t("programmes-list-title");
    let body = html! {
        (PageHeader::new(html! { (title) })
            .lead(html! {
                p class="lead" { (ctx.t("programmes-list-lead")) }
                p class="small" {
                    a href="/programmes.ics" { (ctx.t("programmes-calendar-all")) }
                    @if ctx.is_signed_in() {
                        " · " a href="/me/applications" { (ctx.t("programmes-my-applications-title")) }
                        " · " a href="/me/profile" { (ctx.t("programmes-profile-title")) }
                    }
                }
            })
            .render())
        @if groups.iter().all(|(_, list)| list.is_empty()) {
            p class="empty-state" { (ctx.t("programmes-list-empty")) }
        }
        @for (status, programmes) in groups.iter().filter(|(_, list)| !list.is_empty()) {
            section aria-labelledby={ "programmes-" (status.as_str()) } {
                h2 id={ "programmes-" (status.as_str()) } { (ctx.t(programme_status_id(*status))) }
                ul class="card-grid" {
                    @for programme in programmes {
                        li class="card" {
                            p class="card-meta" { (status_tag(ctx, programme.status)) }
                            h3 { a href=(programme_path(programme.id)) { (localized(ctx, &programme.title)) } }
                            p class="card-meta" {
                                (region_link(ctx, programme.region, regions.get(&programme.region)))
                                " · "
                                (format_date_range(ctx.locale, programme.starts_on, programme.ends_on))
                            }
                            @if let Some(window) = application_window_line(ctx, programme) {
                                p class="card-meta" { (window) }
                            }
                            @if !programme.summary.is_empty() {
                                p { (localized_excerpt(ctx, &programme.summary, SUMMARY_EXCERPT_CHARS)) }
                            }
                        }
                    }
                }
            }
        }
    };
    page(ctx, &title, body)
}

pub(crate) fn programme_page(ctx: &Ctx, view: &ProgrammePage) -> Markup {
    let programme = &view.programme;
    let details = &programme.details;
    let title = programme.title.text(ctx.locale).to_owned();
    let receive = &details.participants_receive;
    let body = html! {
        (breadcrumb(ctx, None))
        (PageHeader::new(localized(ctx, &programme.title))
            .kicker(status_tag(ctx, programme.status))
            .subtitle(html! {
                @if !details.theme.is_empty() { (localized(ctx, &details.theme)) }
            })
            .lead(html! {
                @if !programme.summary.is_empty() {
                    p class="lead" { (localized(ctx, &programme.summary)) }
                }
            })
            .actions(html! {
                @if let (true, Some(organisation)) = (view.may_coordinate, &view.organisation) {
                    a class="button button-secondary" href=(crate::coordinate::programme_path(organisation, programme)) { (ctx.t("navigation-programme-manage")) }
                }
            })
            .render())
        dl class="facts" {
            div {
                dt { (ctx.t("programmes-dates")) }
                dd { (format_date_range(ctx.locale, programme.starts_on, programme.ends_on)) }
            }
            div {
                dt { (ctx.t("programmes-region")) }
                dd { (region_link(ctx, programme.region, view.region.as_ref())) }
            }
            @if let Some(organisation) = &view.organisation {
                div {
                    dt { (ctx.t("programmes-organisation")) }
                    dd { a href={ "/organisations/" (organisation.slug) } { (localized(ctx, &organisation.name)) } }
                }
            }
            @if let Some(window) = application_window_line(ctx, programme) {
                div {
                    dt { (ctx.t("programmes-applications")) }
                    dd { (window) }
                }
            }
            @if let Some(seats) = details.seats {
                div {
                    dt { (ctx.t("programmes-seats")) }
                    dd { (t_args(ctx.locale, "programmes-seats-count", &[("count", seats.get().into())])) }
                }
            }
        }
        p class="form-actions" {
            @if view.accepts_applications {
                a class="button" href={ (programme_path(programme.id)) "/apply" } { (ctx.t("programmes-apply-button")) }
            } @else if programme.status == ProgrammeStatus::Open {
                span class="muted" { (ctx.t("programmes-window-closed")) }
            }
            " "
            a class="button button-secondary" href={ (programme_path(programme.id)) ".ics" } { (ctx.t("programmes-calendar-one")) }
        }
        @if !details.description.is_empty() {
            section aria-labelledby="programme-about" {
                h2 id="programme-about" { (ctx.t("programmes-about")) }
                div class="prose" { (localized_paragraphs(ctx, &details.description)) }
            }
        }
        (teams_section(ctx, view))
        @if !receive.accommodation.is_empty() || !receive.meals.is_empty() || !receive.other.is_empty() {
            section aria-labelledby="programme-receive" {
                h2 id="programme-receive" { (ctx.t("programmes-receive")) }
                dl {
                    @if !receive.accommodation.is_empty() {
                        dt { (ctx.t("programmes-receive-accommodation")) }
                        dd { (localized(ctx, &receive.accommodation)) }
                    }
                    @if !receive.meals.is_empty() {
                        dt { (ctx.t("programmes-receive-meals")) }
                        dd { (localized(ctx, &receive.meals)) }
                    }
                    @if !receive.other.is_empty() {
                        dt { (ctx.t("programmes-receive-other")) }
                        dd { (localized(ctx, &receive.other)) }
                    }
                }
            }
        }
        @if !view.planned.is_empty() {
            section aria-labelledby="programme-planned" {
                h2 id="programme-planned" { (ctx.t("programmes-planned")) }
                ul {
                    @for planned in &view.planned {
                        li {
                            span class="tag" { (ctx.t(deliverable_kind_id(planned.kind))) } " "
                            (localized(ctx, &planned.description))
                        }
                    }
                }
            }
        }
        (after_section(ctx, view))
    };
    let description = Some(programme.summary.text(ctx.locale));
    crate::layout::page_described(ctx, &title, description, body)
}

fn teams_section(ctx: &Ctx, view: &ProgrammePage) -> Markup {
    let rule = view.programme.details.japanese_speaker_rule;
    if view.teams.is_empty() && rule.is_none() {
        return html! {};
    }
    html! {
        section aria-labelledby="programme-teams" {
            h2 id="programme-teams" { (ctx.t("programmes-teams")) }
            @if let Some(rule) = rule {
                p { (japanese_rule_sentence(ctx.locale, &rule)) }
            }
            ul class="card-grid" {
                @for team in &view.teams {
                    li class="card" {
                        h3 { (localized(ctx, team.spec.name())) }
                        p class="card-meta" {
                            (team_size_sentence(ctx.locale, team.spec.size()))
                            @if let Some(cap) = team.spec.max_per_nationality() {
                                " · " (t_args(ctx.locale, "programmes-team-nationality-cap", &[("count", cap.get().into())]))
                            }
                        }
                        @if !team.spec.needs().is_empty() {
                            p class="small-heading" { (ctx.t("programmes-team-needs")) }
                            ul {
                                @for need in team.spec.needs() {
                                    li { (need_sentence(ctx.locale, &view.skills, need)) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn after_section(ctx: &Ctx, view: &ProgrammePage) -> Markup {
    if view.deliverables.is_empty() && view.testimonials.is_empty() && view.references.is_empty() {
        return html! {};
    }
    html! {
        section aria-labelledby="programme-after" {
            h2 id="programme-after" { (ctx.t("programmes-after")) }
            @if !view.deliverables.is_empty() {
                h3 { (ctx.t("programmes-deliverables")) }
                ul {
                    @for deliverable in &view.deliverables {
                        @let details = &deliverable.details;
                        li {
                            span class="tag" { (ctx.t(deliverable_kind_id(details.kind))) } " "
                            @match &details.location {
                                DeliverableLocation::Link(link) => {
                                    a href=(link.as_str()) rel="noopener" { (localized(ctx, &details.title)) }
                                }
                                DeliverableLocation::File(_) => {
                                    a href=(crate::uploads::deliverable_file_path(details.programme, deliverable.id)) { (localized(ctx, &details.title)) }
                                }
                                DeliverableLocation::Offline => {
                                    (localized(ctx, &details.title))
                                }
                            }
                            (deliverable_details(ctx.locale, details))
                        }
                    }
                }
            }
            @if !view.testimonials.is_empty() {
                h3 { (ctx.t("programmes-testimonials")) }
                @for testimonial in &view.testimonials {
                    blockquote class="prose" { (localized_paragraphs(ctx, &testimonial.details.text)) }
                }
            }
            @if !view.references.is_empty() {
                h3 { (ctx.t("programmes-references")) }
                @for reference in &view.references {
                    figure {
                        blockquote { p { (reference.details.text.as_str()) } }
                        figcaption class="small" { (ctx.t(reference_direction_id(reference.details.direction))) }
                    }
                }
            }
        }
    }
}
