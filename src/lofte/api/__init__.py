"""The open-data API (`/api/v1/`): a face beside the site and the staff workspace.

Every read goes through the domain's publication and privacy functions (`published()` querysets,
lofte.activities.privacy); writes go through lofte.activities.forms and lofte.activities.recording,
authorised by an organisation's API key (lofte.core.tokens, lofte.core.permissions).
"""
