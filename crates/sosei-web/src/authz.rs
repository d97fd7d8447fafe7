//! Authorization: checked on the server for every route that reads or changes protected data.

use sosei_core::{OrganisationId, Role, User};

use crate::context::Ctx;
use crate::error::AppError;
use crate::state::AppState;

/// The signed-in user when they hold one of `roles` in `organisation` (site admins always pass);
/// otherwise `SignInRequired` (not signed in) or `Forbidden`.
pub async fn require_organisation_role<'a>(
    state: &AppState,
    ctx: &'a Ctx,
    organisation: OrganisationId,
    roles: &[Role],
) -> Result<&'a User, AppError> {
    let user = ctx.require_user()?;
    if user.is_site_admin {
        return Ok(user);
    }
    let held = state.store.roles_of(organisation, user.id).await?;
    if held.iter().any(|role| roles.contains(role)) {
        Ok(user)
    } else {
        Err(AppError::Forbidden)
    }
}

/// The signed-in site admin, or an error.
pub fn require_site_admin(ctx: &Ctx) -> Result<&User, AppError> {
    let user = ctx.require_user()?;
    if user.is_site_admin {
        Ok(user)
    } else {
        Err(AppError::Forbidden)
    }
}
