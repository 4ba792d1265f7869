"""Models of the base addon, one per file."""

from . import (  # noqa: F401
    ir_config_parameter,
    ir_model,
    ir_model_access,
    ir_model_data,
    ir_model_fields,
    ir_module_module,
    ir_rule,
    ir_sequence,
    res_company,
    res_country,
    res_currency,
    res_groups,
    res_lang,
    res_partner,
    res_users,
    res_users_apikeys,
)
