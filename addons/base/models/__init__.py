"""Models of the base addon, one per file.

``ir_security_mixin`` comes first: users, groups, rights and rules inherit it as
a prototype, which must be defined before them.
"""

from . import ir_security_mixin  # noqa: F401, I001 - first, see above
from . import (  # noqa: F401
    ir_actions,
    ir_actions_report,
    ir_actions_server,
    ir_audit_log,
    ir_autovacuum,
    ir_config_parameter,
    ir_cron,
    ir_job,
    ir_model,
    ir_model_access,
    ir_model_data,
    ir_model_fields,
    ir_module_category,
    ir_module_module,
    ir_property,
    ir_rule,
    ir_sequence,
    ir_ui_menu,
    ir_ui_view,
    res_company,
    res_country,
    res_currency,
    res_groups,
    res_lang,
    res_partner,
    res_users,
    res_users_apikeys,
    res_users_totp,
)
