# Regions, organisations and the home page

breadcrumb-label = You are here

## Forms
form-save = Save
form-cancel = Cancel
form-error-summary = There is a problem with what you entered. Please check the following
form-error-too-long = Use at most { $max } characters (you have { $actual })

## Home page
home-kicker = An open-source platform for regional revitalisation
home-explore-regions = Explore regions
home-explore-organisations = Meet the organisations
home-five-s-heading = The five S's of regional revitalisation
home-five-s-lead = Sosei brings together, in one place, the five things a revitalising region needs.
home-s-space-name = Space
home-s-space-gloss = a place to talk
home-s-space-text = Residents and newcomers sit at the same table and talk about the region's future.
home-s-system-name = System
home-s-system-gloss = vision and plan
home-s-system-text = Share the region's vision, plan and goals, and make clear who takes care of what.
home-s-social-capital-name = Social Capital
home-s-social-capital-gloss = ties between people
home-s-social-capital-text = Grow trust between people and between organisations, and see how those ties spread.
home-s-social-contract-name = Social Contract
home-s-social-contract-gloss = roles and commitments
home-s-social-contract-text = Match what a region needs with what visitors do best, with clear roles and commitments.
home-s-science-name = Science
home-s-science-gloss = learn by trying
home-s-science-text = Try things on a small scale, look back at the data, and build on what works.
home-featured-regions = Featured regions
home-all-regions = See all regions
home-featured-organisations = Organisations taking part
home-all-organisations = See all organisations

## Region list and search
regions-title = Regions
regions-lead = Regions that share their vision on Sosei. You can also look up any city, town or village in Japan.
regions-search-heading = Find a municipality
regions-search-label = Name or code of a municipality
regions-search-hint = Search in kanji, kana, romaji or by local government code (for example 遠野, とおの, tono, 03208)
regions-search-button = Search
regions-results-heading = Results for “{ $query }”
regions-results-count = { $count ->
    [one] One municipality found
   *[other] { $count } municipalities found
}
regions-results-limited = Only the first matches are shown; type a little more to narrow them down.
regions-results-none = No municipality matches. Try writing it another way.
regions-has-profile = Has a profile
regions-profiled-heading = Regions with a profile
regions-profiled-none = No region has published a profile yet.
regions-browse-heading = Browse by prefecture
regions-prefecture-heading = Municipalities of { $prefecture }
regions-prefecture-page = Go to the page of { $prefecture }

## Region page
region-saved = The region's profile has been saved.
region-edit = Edit
region-prefecture = Prefecture
region-city = City
region-code = Local government code
region-steward = Steward organisation
region-no-profile-heading = No profile yet
region-no-profile = This region has not published a vision or plan yet.
region-vision = Vision
region-plan = Plan
region-goals = Goals
region-not-written = Not written yet.
region-no-goals = No goals yet.
region-stakeholders = Stakeholders
region-no-stakeholders = No stakeholders yet.
region-programmes = Programmes
region-no-programmes = There are no programmes in this region yet.
region-programme-by = Run by

## Editing a region
region-edit-title = Edit the profile of { $region }
region-edit-lead = Writing in both Japanese and English lets people abroad follow too. One language is also fine.
region-hint-vision = Up to { $max } characters in each language. Separate paragraphs with a blank line.
region-hint-plan = Up to { $max } characters in each language. Separate paragraphs with a blank line.
region-hint-goals = One goal per line, up to { $max } goals of { $chars } characters each. Line by line, the Japanese and English goals belong together.
region-field-vision-ja = Vision (Japanese)
region-field-vision-en = Vision (English)
region-field-plan-ja = Plan (Japanese)
region-field-plan-en = Plan (English)
region-field-goals-ja = Goals (Japanese)
region-field-goals-en = Goals (English)
region-field-steward = Steward organisation
region-hint-steward = The admins and coordinators of this organisation can edit the region's profile.
region-steward-none = (none: only site admins can edit)
region-error-steward = Choose an organisation from the list
region-error-goal-line = Line { $line }: { $problem }
region-error-too-many-goals = Use at most { $max } goals (you have { $count })

## Stakeholder roles
stakeholder-role-local-government = Local government
stakeholder-role-npo = NPO
stakeholder-role-company = Company
stakeholder-role-school = School
stakeholder-role-cooperative = Cooperative
stakeholder-role-resident-group = Residents' group
stakeholder-role-host-family = Host family

## Organisation kinds
organisation-kind-municipality = Municipality
organisation-kind-npo = NPO
organisation-kind-company = Company
organisation-kind-university = University
organisation-kind-cooperative = Cooperative
organisation-kind-network = Network

## Member roles
member-role-admin = Admin
member-role-coordinator = Coordinator
member-role-facilitator = Facilitator
member-role-expert = Expert
member-role-member = Member

## Organisation list and page
organisations-title = Organisations
organisations-lead = Municipalities, NPOs, companies, universities and others working for their regions.
organisations-none = No organisation has been registered yet.
organisations-kinds-label = Kinds of organisation
organisation-saved = The organisation has been saved.
organisation-edit = Edit
organisation-about = About
organisation-website = Website
organisation-regions = Regions it works in
organisation-no-regions = Not registered as a stakeholder of any region yet.
organisation-no-programmes = This organisation has no programmes yet.
organisation-members = Members
organisation-members-private = Only this organisation's members and site admins can see this list.
organisation-no-members = No members yet.
organisation-member-name = Name
organisation-member-roles = Roles
organisation-member-you = (you)

## Editing an organisation
organisation-edit-title = Edit { $organisation }
organisation-details = Details
organisation-field-name = Name
organisation-field-name-ja = Name (Japanese)
organisation-field-name-en = Name (English)
organisation-field-kind = Kind
organisation-field-description = Description
organisation-field-description-ja = Description (Japanese)
organisation-field-description-en = Description (English)
organisation-field-website = Website
organisation-field-email = E-mail address
organisation-field-role = Role
organisation-hint-name = Up to { $max } characters in each language; fill in at least one.
organisation-hint-description = Up to { $max } characters in each language. Separate paragraphs with a blank line.
organisation-hint-website = An address starting with https:// (optional)
organisation-hint-member-email = The e-mail address the person registered with on Sosei.
organisation-error-name-required = Please give the organisation a name in Japanese or English
organisation-error-kind = Choose a kind
organisation-error-website = Enter a web address starting with http:// or https://
organisation-error-role = Choose a role
organisation-error-no-such-user = Nobody has registered with this e-mail address
organisation-error-last-admin = An organisation needs at least one admin. Make someone else an admin first
organisation-error-member-action = This action is not recognised
organisation-member-grant-heading = Give someone a role
organisation-member-grant = Give role
organisation-member-granted = The role has been given.
organisation-member-revoke = Remove
organisation-member-revoke-label = Remove the role “{ $role }” from { $name }
organisation-member-revoked = The role has been removed.
