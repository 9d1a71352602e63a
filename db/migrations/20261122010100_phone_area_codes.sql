-- migrate:up

-- Where a lead has no timezone, its phone number's area code tells where it most
-- likely is. This table is shared reference data, not tenant data: no account_id,
-- no row-level security, written only by migrations.
create table public.phone_area_codes (
  area_code text primary key
    constraint phone_area_codes_area_code_check check (area_code ~ '^[2-9][0-9]{2}$'),
  country text not null
    constraint phone_area_codes_country_check check (country ~ '^[A-Z]{2}$'),
  region text
    constraint phone_area_codes_region_check check (region ~ '^[A-Z]{2}$'),
  time_zone public.time_zone not null
);
comment on table public.phone_area_codes is
  'Geographic North American Numbering Plan area codes (US, Canada, US territories, Caribbean NANP countries) and the time zone '
  'to assume for a lead whose leads.timezone is missing. An area code that spans several zones gets the zone where most of its '
  'population lives (850 Florida panhandle: America/Chicago; 915 El Paso: America/Denver), so a few leads near a zone line are '
  'off by an hour. Non-geographic codes (5XX personal, 600, 700, toll-free 8XX, 900) are absent on purpose. Written only by migrations.';
comment on column public.phone_area_codes.area_code is
  'The three digits after +1 in an E.164 number: substr(phone, 3, 3).';
comment on column public.phone_area_codes.country is
  'ISO 3166-1 alpha-2 code of the country or territory the number belongs to: US (50 states and DC), CA, '
  'PR, VI, GU, MP, AS for US territories, or the Caribbean NANP country (DO, JM, BS, ...).';
comment on column public.phone_area_codes.region is
  'State, province or territory postal code (FL, ON, ...) of a US or CA area code; null for the other countries and territories, '
  'and for a code shared by several provinces or territories (782 and 902: Nova Scotia and Prince Edward Island; 867: Yukon, '
  'Northwest Territories and Nunavut).';
comment on column public.phone_area_codes.time_zone is
  'IANA time zone where most of the area code''s population lives.';

insert into public.phone_area_codes (area_code, country, region, time_zone) values
  -- United States
  -- Alabama
  ('205', 'US', 'AL', 'America/Chicago'), ('251', 'US', 'AL', 'America/Chicago'), ('256', 'US', 'AL', 'America/Chicago'),
  ('334', 'US', 'AL', 'America/Chicago'), ('483', 'US', 'AL', 'America/Chicago'), ('659', 'US', 'AL', 'America/Chicago'),
  ('938', 'US', 'AL', 'America/Chicago'),
  -- Alaska (Adak, on Hawaii-Aleutian time, is a small minority)
  ('907', 'US', 'AK', 'America/Anchorage'),
  -- Arizona (no daylight saving time outside the Navajo Nation)
  ('480', 'US', 'AZ', 'America/Phoenix'), ('520', 'US', 'AZ', 'America/Phoenix'), ('602', 'US', 'AZ', 'America/Phoenix'),
  ('623', 'US', 'AZ', 'America/Phoenix'), ('928', 'US', 'AZ', 'America/Phoenix'),
  -- Arkansas
  ('327', 'US', 'AR', 'America/Chicago'), ('479', 'US', 'AR', 'America/Chicago'), ('501', 'US', 'AR', 'America/Chicago'),
  ('870', 'US', 'AR', 'America/Chicago'),
  -- California
  ('209', 'US', 'CA', 'America/Los_Angeles'), ('213', 'US', 'CA', 'America/Los_Angeles'), ('279', 'US', 'CA', 'America/Los_Angeles'),
  ('310', 'US', 'CA', 'America/Los_Angeles'), ('323', 'US', 'CA', 'America/Los_Angeles'), ('341', 'US', 'CA', 'America/Los_Angeles'),
  ('350', 'US', 'CA', 'America/Los_Angeles'), ('357', 'US', 'CA', 'America/Los_Angeles'), ('369', 'US', 'CA', 'America/Los_Angeles'),
  ('408', 'US', 'CA', 'America/Los_Angeles'), ('415', 'US', 'CA', 'America/Los_Angeles'), ('424', 'US', 'CA', 'America/Los_Angeles'),
  ('442', 'US', 'CA', 'America/Los_Angeles'), ('510', 'US', 'CA', 'America/Los_Angeles'), ('530', 'US', 'CA', 'America/Los_Angeles'),
  ('559', 'US', 'CA', 'America/Los_Angeles'), ('562', 'US', 'CA', 'America/Los_Angeles'), ('619', 'US', 'CA', 'America/Los_Angeles'),
  ('626', 'US', 'CA', 'America/Los_Angeles'), ('628', 'US', 'CA', 'America/Los_Angeles'), ('650', 'US', 'CA', 'America/Los_Angeles'),
  ('657', 'US', 'CA', 'America/Los_Angeles'), ('661', 'US', 'CA', 'America/Los_Angeles'), ('669', 'US', 'CA', 'America/Los_Angeles'),
  ('707', 'US', 'CA', 'America/Los_Angeles'), ('714', 'US', 'CA', 'America/Los_Angeles'), ('738', 'US', 'CA', 'America/Los_Angeles'),
  ('747', 'US', 'CA', 'America/Los_Angeles'), ('760', 'US', 'CA', 'America/Los_Angeles'), ('805', 'US', 'CA', 'America/Los_Angeles'),
  ('818', 'US', 'CA', 'America/Los_Angeles'), ('820', 'US', 'CA', 'America/Los_Angeles'), ('831', 'US', 'CA', 'America/Los_Angeles'),
  ('837', 'US', 'CA', 'America/Los_Angeles'), ('840', 'US', 'CA', 'America/Los_Angeles'), ('858', 'US', 'CA', 'America/Los_Angeles'),
  ('909', 'US', 'CA', 'America/Los_Angeles'), ('916', 'US', 'CA', 'America/Los_Angeles'), ('925', 'US', 'CA', 'America/Los_Angeles'),
  ('949', 'US', 'CA', 'America/Los_Angeles'), ('951', 'US', 'CA', 'America/Los_Angeles'),
  -- Colorado
  ('303', 'US', 'CO', 'America/Denver'), ('719', 'US', 'CO', 'America/Denver'), ('720', 'US', 'CO', 'America/Denver'),
  ('748', 'US', 'CO', 'America/Denver'), ('970', 'US', 'CO', 'America/Denver'), ('983', 'US', 'CO', 'America/Denver'),
  -- Connecticut
  ('203', 'US', 'CT', 'America/New_York'), ('475', 'US', 'CT', 'America/New_York'), ('860', 'US', 'CT', 'America/New_York'),
  ('959', 'US', 'CT', 'America/New_York'),
  -- Delaware
  ('302', 'US', 'DE', 'America/New_York'),
  -- District of Columbia
  ('202', 'US', 'DC', 'America/New_York'), ('771', 'US', 'DC', 'America/New_York'),
  -- Florida (850 and its overlay 448: the panhandle west of the Apalachicola, Pensacola to Panama City, outnumbers Tallahassee)
  ('239', 'US', 'FL', 'America/New_York'), ('305', 'US', 'FL', 'America/New_York'), ('321', 'US', 'FL', 'America/New_York'),
  ('324', 'US', 'FL', 'America/New_York'), ('352', 'US', 'FL', 'America/New_York'), ('386', 'US', 'FL', 'America/New_York'),
  ('407', 'US', 'FL', 'America/New_York'), ('448', 'US', 'FL', 'America/Chicago'), ('561', 'US', 'FL', 'America/New_York'),
  ('645', 'US', 'FL', 'America/New_York'), ('656', 'US', 'FL', 'America/New_York'), ('689', 'US', 'FL', 'America/New_York'),
  ('727', 'US', 'FL', 'America/New_York'), ('728', 'US', 'FL', 'America/New_York'), ('754', 'US', 'FL', 'America/New_York'),
  ('772', 'US', 'FL', 'America/New_York'), ('786', 'US', 'FL', 'America/New_York'), ('813', 'US', 'FL', 'America/New_York'),
  ('850', 'US', 'FL', 'America/Chicago'), ('863', 'US', 'FL', 'America/New_York'), ('904', 'US', 'FL', 'America/New_York'),
  ('941', 'US', 'FL', 'America/New_York'), ('954', 'US', 'FL', 'America/New_York'),
  -- Georgia
  ('229', 'US', 'GA', 'America/New_York'), ('404', 'US', 'GA', 'America/New_York'), ('470', 'US', 'GA', 'America/New_York'),
  ('478', 'US', 'GA', 'America/New_York'), ('678', 'US', 'GA', 'America/New_York'), ('706', 'US', 'GA', 'America/New_York'),
  ('762', 'US', 'GA', 'America/New_York'), ('770', 'US', 'GA', 'America/New_York'), ('912', 'US', 'GA', 'America/New_York'),
  ('943', 'US', 'GA', 'America/New_York'),
  -- Hawaii
  ('808', 'US', 'HI', 'Pacific/Honolulu'),
  -- Idaho (Boise and the south are on Mountain time; the panhandle on Pacific)
  ('208', 'US', 'ID', 'America/Boise'), ('986', 'US', 'ID', 'America/Boise'),
  -- Illinois
  ('217', 'US', 'IL', 'America/Chicago'), ('224', 'US', 'IL', 'America/Chicago'), ('309', 'US', 'IL', 'America/Chicago'),
  ('312', 'US', 'IL', 'America/Chicago'), ('331', 'US', 'IL', 'America/Chicago'), ('447', 'US', 'IL', 'America/Chicago'),
  ('464', 'US', 'IL', 'America/Chicago'), ('618', 'US', 'IL', 'America/Chicago'), ('630', 'US', 'IL', 'America/Chicago'),
  ('708', 'US', 'IL', 'America/Chicago'), ('730', 'US', 'IL', 'America/Chicago'), ('773', 'US', 'IL', 'America/Chicago'),
  ('779', 'US', 'IL', 'America/Chicago'), ('815', 'US', 'IL', 'America/Chicago'), ('847', 'US', 'IL', 'America/Chicago'),
  ('861', 'US', 'IL', 'America/Chicago'), ('872', 'US', 'IL', 'America/Chicago'),
  -- Indiana (219, the Chicago suburbs of Lake and Porter counties, is on Central time; Evansville's
  -- Central-time corner of 812/930 is outnumbered by Bloomington, Columbus and the Louisville suburbs)
  ('219', 'US', 'IN', 'America/Chicago'), ('260', 'US', 'IN', 'America/Indiana/Indianapolis'),
  ('317', 'US', 'IN', 'America/Indiana/Indianapolis'), ('463', 'US', 'IN', 'America/Indiana/Indianapolis'),
  ('574', 'US', 'IN', 'America/Indiana/Indianapolis'), ('765', 'US', 'IN', 'America/Indiana/Indianapolis'),
  ('812', 'US', 'IN', 'America/Indiana/Indianapolis'), ('930', 'US', 'IN', 'America/Indiana/Indianapolis'),
  -- Iowa
  ('319', 'US', 'IA', 'America/Chicago'), ('515', 'US', 'IA', 'America/Chicago'), ('563', 'US', 'IA', 'America/Chicago'),
  ('641', 'US', 'IA', 'America/Chicago'), ('712', 'US', 'IA', 'America/Chicago'),
  -- Kansas (four western counties are on Mountain time)
  ('316', 'US', 'KS', 'America/Chicago'), ('620', 'US', 'KS', 'America/Chicago'), ('785', 'US', 'KS', 'America/Chicago'),
  ('913', 'US', 'KS', 'America/Chicago'),
  -- Kentucky (270/364: Bowling Green, Owensboro and Paducah are on Central time, Elizabethtown on Eastern)
  ('270', 'US', 'KY', 'America/Chicago'), ('364', 'US', 'KY', 'America/Chicago'),
  ('502', 'US', 'KY', 'America/Kentucky/Louisville'), ('606', 'US', 'KY', 'America/New_York'),
  ('859', 'US', 'KY', 'America/New_York'),
  -- Louisiana
  ('225', 'US', 'LA', 'America/Chicago'), ('318', 'US', 'LA', 'America/Chicago'), ('337', 'US', 'LA', 'America/Chicago'),
  ('457', 'US', 'LA', 'America/Chicago'), ('504', 'US', 'LA', 'America/Chicago'), ('985', 'US', 'LA', 'America/Chicago'),
  -- Maine
  ('207', 'US', 'ME', 'America/New_York'),
  -- Maryland
  ('227', 'US', 'MD', 'America/New_York'), ('240', 'US', 'MD', 'America/New_York'), ('301', 'US', 'MD', 'America/New_York'),
  ('410', 'US', 'MD', 'America/New_York'), ('443', 'US', 'MD', 'America/New_York'), ('667', 'US', 'MD', 'America/New_York'),
  -- Massachusetts
  ('339', 'US', 'MA', 'America/New_York'), ('351', 'US', 'MA', 'America/New_York'), ('413', 'US', 'MA', 'America/New_York'),
  ('508', 'US', 'MA', 'America/New_York'), ('617', 'US', 'MA', 'America/New_York'), ('774', 'US', 'MA', 'America/New_York'),
  ('781', 'US', 'MA', 'America/New_York'), ('857', 'US', 'MA', 'America/New_York'), ('978', 'US', 'MA', 'America/New_York'),
  -- Michigan (906: most of the Upper Peninsula is on Eastern time; four counties on the Wisconsin line use Central)
  ('231', 'US', 'MI', 'America/Detroit'), ('248', 'US', 'MI', 'America/Detroit'), ('269', 'US', 'MI', 'America/Detroit'),
  ('313', 'US', 'MI', 'America/Detroit'), ('517', 'US', 'MI', 'America/Detroit'), ('586', 'US', 'MI', 'America/Detroit'),
  ('616', 'US', 'MI', 'America/Detroit'), ('679', 'US', 'MI', 'America/Detroit'), ('734', 'US', 'MI', 'America/Detroit'),
  ('810', 'US', 'MI', 'America/Detroit'), ('906', 'US', 'MI', 'America/Detroit'), ('947', 'US', 'MI', 'America/Detroit'),
  ('989', 'US', 'MI', 'America/Detroit'),
  -- Minnesota
  ('218', 'US', 'MN', 'America/Chicago'), ('320', 'US', 'MN', 'America/Chicago'), ('507', 'US', 'MN', 'America/Chicago'),
  ('612', 'US', 'MN', 'America/Chicago'), ('651', 'US', 'MN', 'America/Chicago'), ('763', 'US', 'MN', 'America/Chicago'),
  ('924', 'US', 'MN', 'America/Chicago'), ('952', 'US', 'MN', 'America/Chicago'),
  -- Mississippi
  ('228', 'US', 'MS', 'America/Chicago'), ('601', 'US', 'MS', 'America/Chicago'), ('662', 'US', 'MS', 'America/Chicago'),
  ('769', 'US', 'MS', 'America/Chicago'),
  -- Missouri
  ('235', 'US', 'MO', 'America/Chicago'), ('314', 'US', 'MO', 'America/Chicago'), ('417', 'US', 'MO', 'America/Chicago'),
  ('557', 'US', 'MO', 'America/Chicago'), ('573', 'US', 'MO', 'America/Chicago'), ('636', 'US', 'MO', 'America/Chicago'),
  ('660', 'US', 'MO', 'America/Chicago'), ('816', 'US', 'MO', 'America/Chicago'), ('975', 'US', 'MO', 'America/Chicago'),
  -- Montana
  ('406', 'US', 'MT', 'America/Denver'),
  -- Nebraska (308: North Platte, Kearney and Grand Island on Central time outnumber the Mountain-time panhandle)
  ('308', 'US', 'NE', 'America/Chicago'), ('402', 'US', 'NE', 'America/Chicago'), ('531', 'US', 'NE', 'America/Chicago'),
  -- Nevada
  ('702', 'US', 'NV', 'America/Los_Angeles'), ('725', 'US', 'NV', 'America/Los_Angeles'), ('775', 'US', 'NV', 'America/Los_Angeles'),
  -- New Hampshire
  ('603', 'US', 'NH', 'America/New_York'),
  -- New Jersey
  ('201', 'US', 'NJ', 'America/New_York'), ('551', 'US', 'NJ', 'America/New_York'), ('609', 'US', 'NJ', 'America/New_York'),
  ('640', 'US', 'NJ', 'America/New_York'), ('732', 'US', 'NJ', 'America/New_York'), ('848', 'US', 'NJ', 'America/New_York'),
  ('856', 'US', 'NJ', 'America/New_York'), ('862', 'US', 'NJ', 'America/New_York'), ('908', 'US', 'NJ', 'America/New_York'),
  ('973', 'US', 'NJ', 'America/New_York'),
  -- New Mexico
  ('505', 'US', 'NM', 'America/Denver'), ('575', 'US', 'NM', 'America/Denver'),
  -- New York
  ('212', 'US', 'NY', 'America/New_York'), ('315', 'US', 'NY', 'America/New_York'), ('329', 'US', 'NY', 'America/New_York'),
  ('332', 'US', 'NY', 'America/New_York'), ('347', 'US', 'NY', 'America/New_York'), ('363', 'US', 'NY', 'America/New_York'),
  ('516', 'US', 'NY', 'America/New_York'), ('518', 'US', 'NY', 'America/New_York'), ('585', 'US', 'NY', 'America/New_York'),
  ('607', 'US', 'NY', 'America/New_York'), ('624', 'US', 'NY', 'America/New_York'), ('631', 'US', 'NY', 'America/New_York'),
  ('646', 'US', 'NY', 'America/New_York'), ('680', 'US', 'NY', 'America/New_York'), ('716', 'US', 'NY', 'America/New_York'),
  ('718', 'US', 'NY', 'America/New_York'), ('838', 'US', 'NY', 'America/New_York'), ('845', 'US', 'NY', 'America/New_York'),
  ('914', 'US', 'NY', 'America/New_York'), ('917', 'US', 'NY', 'America/New_York'), ('929', 'US', 'NY', 'America/New_York'),
  ('934', 'US', 'NY', 'America/New_York'),
  -- North Carolina
  ('252', 'US', 'NC', 'America/New_York'), ('336', 'US', 'NC', 'America/New_York'), ('472', 'US', 'NC', 'America/New_York'),
  ('704', 'US', 'NC', 'America/New_York'), ('743', 'US', 'NC', 'America/New_York'), ('828', 'US', 'NC', 'America/New_York'),
  ('910', 'US', 'NC', 'America/New_York'), ('919', 'US', 'NC', 'America/New_York'), ('980', 'US', 'NC', 'America/New_York'),
  ('984', 'US', 'NC', 'America/New_York'),
  -- North Dakota (the southwest corner is on Mountain time)
  ('701', 'US', 'ND', 'America/Chicago'),
  -- Ohio
  ('216', 'US', 'OH', 'America/New_York'), ('220', 'US', 'OH', 'America/New_York'), ('234', 'US', 'OH', 'America/New_York'),
  ('283', 'US', 'OH', 'America/New_York'), ('326', 'US', 'OH', 'America/New_York'), ('330', 'US', 'OH', 'America/New_York'),
  ('380', 'US', 'OH', 'America/New_York'), ('419', 'US', 'OH', 'America/New_York'), ('436', 'US', 'OH', 'America/New_York'),
  ('440', 'US', 'OH', 'America/New_York'), ('513', 'US', 'OH', 'America/New_York'), ('567', 'US', 'OH', 'America/New_York'),
  ('614', 'US', 'OH', 'America/New_York'), ('740', 'US', 'OH', 'America/New_York'), ('937', 'US', 'OH', 'America/New_York'),
  -- Oklahoma
  ('405', 'US', 'OK', 'America/Chicago'), ('539', 'US', 'OK', 'America/Chicago'), ('572', 'US', 'OK', 'America/Chicago'),
  ('580', 'US', 'OK', 'America/Chicago'), ('918', 'US', 'OK', 'America/Chicago'),
  -- Oregon (most of Malheur County is on Mountain time)
  ('458', 'US', 'OR', 'America/Los_Angeles'), ('503', 'US', 'OR', 'America/Los_Angeles'), ('541', 'US', 'OR', 'America/Los_Angeles'),
  ('971', 'US', 'OR', 'America/Los_Angeles'),
  -- Pennsylvania
  ('215', 'US', 'PA', 'America/New_York'), ('223', 'US', 'PA', 'America/New_York'), ('267', 'US', 'PA', 'America/New_York'),
  ('272', 'US', 'PA', 'America/New_York'), ('412', 'US', 'PA', 'America/New_York'), ('445', 'US', 'PA', 'America/New_York'),
  ('484', 'US', 'PA', 'America/New_York'), ('570', 'US', 'PA', 'America/New_York'), ('582', 'US', 'PA', 'America/New_York'),
  ('610', 'US', 'PA', 'America/New_York'), ('717', 'US', 'PA', 'America/New_York'), ('724', 'US', 'PA', 'America/New_York'),
  ('814', 'US', 'PA', 'America/New_York'), ('835', 'US', 'PA', 'America/New_York'), ('878', 'US', 'PA', 'America/New_York'),
  -- Rhode Island
  ('401', 'US', 'RI', 'America/New_York'),
  -- South Carolina
  ('803', 'US', 'SC', 'America/New_York'), ('821', 'US', 'SC', 'America/New_York'), ('839', 'US', 'SC', 'America/New_York'),
  ('843', 'US', 'SC', 'America/New_York'), ('854', 'US', 'SC', 'America/New_York'), ('864', 'US', 'SC', 'America/New_York'),
  -- South Dakota (Sioux Falls, on Central time, outnumbers Rapid City and the Mountain-time west)
  ('605', 'US', 'SD', 'America/Chicago'),
  -- Tennessee (East Tennessee, 423 and 865, is on Eastern time; Middle and West Tennessee on Central)
  ('423', 'US', 'TN', 'America/New_York'), ('615', 'US', 'TN', 'America/Chicago'), ('629', 'US', 'TN', 'America/Chicago'),
  ('731', 'US', 'TN', 'America/Chicago'), ('865', 'US', 'TN', 'America/New_York'), ('901', 'US', 'TN', 'America/Chicago'),
  ('931', 'US', 'TN', 'America/Chicago'),
  -- Texas (915, El Paso, is on Mountain time; 432, Midland and Odessa, on Central)
  ('210', 'US', 'TX', 'America/Chicago'), ('214', 'US', 'TX', 'America/Chicago'), ('254', 'US', 'TX', 'America/Chicago'),
  ('281', 'US', 'TX', 'America/Chicago'), ('325', 'US', 'TX', 'America/Chicago'), ('346', 'US', 'TX', 'America/Chicago'),
  ('361', 'US', 'TX', 'America/Chicago'), ('409', 'US', 'TX', 'America/Chicago'), ('430', 'US', 'TX', 'America/Chicago'),
  ('432', 'US', 'TX', 'America/Chicago'), ('469', 'US', 'TX', 'America/Chicago'), ('512', 'US', 'TX', 'America/Chicago'),
  ('682', 'US', 'TX', 'America/Chicago'), ('713', 'US', 'TX', 'America/Chicago'), ('726', 'US', 'TX', 'America/Chicago'),
  ('737', 'US', 'TX', 'America/Chicago'), ('806', 'US', 'TX', 'America/Chicago'), ('817', 'US', 'TX', 'America/Chicago'),
  ('830', 'US', 'TX', 'America/Chicago'), ('832', 'US', 'TX', 'America/Chicago'), ('903', 'US', 'TX', 'America/Chicago'),
  ('915', 'US', 'TX', 'America/Denver'), ('936', 'US', 'TX', 'America/Chicago'), ('940', 'US', 'TX', 'America/Chicago'),
  ('945', 'US', 'TX', 'America/Chicago'), ('956', 'US', 'TX', 'America/Chicago'), ('972', 'US', 'TX', 'America/Chicago'),
  ('979', 'US', 'TX', 'America/Chicago'),
  -- Utah
  ('385', 'US', 'UT', 'America/Denver'), ('435', 'US', 'UT', 'America/Denver'), ('801', 'US', 'UT', 'America/Denver'),
  -- Vermont
  ('802', 'US', 'VT', 'America/New_York'),
  -- Virginia
  ('276', 'US', 'VA', 'America/New_York'), ('434', 'US', 'VA', 'America/New_York'), ('540', 'US', 'VA', 'America/New_York'),
  ('571', 'US', 'VA', 'America/New_York'), ('686', 'US', 'VA', 'America/New_York'), ('703', 'US', 'VA', 'America/New_York'),
  ('757', 'US', 'VA', 'America/New_York'), ('804', 'US', 'VA', 'America/New_York'), ('826', 'US', 'VA', 'America/New_York'),
  ('948', 'US', 'VA', 'America/New_York'),
  -- Washington
  ('206', 'US', 'WA', 'America/Los_Angeles'), ('253', 'US', 'WA', 'America/Los_Angeles'), ('360', 'US', 'WA', 'America/Los_Angeles'),
  ('425', 'US', 'WA', 'America/Los_Angeles'), ('509', 'US', 'WA', 'America/Los_Angeles'), ('564', 'US', 'WA', 'America/Los_Angeles'),
  -- West Virginia
  ('304', 'US', 'WV', 'America/New_York'), ('681', 'US', 'WV', 'America/New_York'),
  -- Wisconsin
  ('262', 'US', 'WI', 'America/Chicago'), ('274', 'US', 'WI', 'America/Chicago'), ('353', 'US', 'WI', 'America/Chicago'),
  ('414', 'US', 'WI', 'America/Chicago'), ('534', 'US', 'WI', 'America/Chicago'), ('608', 'US', 'WI', 'America/Chicago'),
  ('715', 'US', 'WI', 'America/Chicago'), ('920', 'US', 'WI', 'America/Chicago'),
  -- Wyoming
  ('307', 'US', 'WY', 'America/Denver'),

  -- US territories
  ('340', 'VI', null, 'America/St_Thomas'),
  ('670', 'MP', null, 'Pacific/Saipan'),
  ('671', 'GU', null, 'Pacific/Guam'),
  ('684', 'AS', null, 'Pacific/Pago_Pago'),
  ('787', 'PR', null, 'America/Puerto_Rico'), ('939', 'PR', null, 'America/Puerto_Rico'),

  -- Canada
  -- Alberta
  ('368', 'CA', 'AB', 'America/Edmonton'), ('403', 'CA', 'AB', 'America/Edmonton'), ('587', 'CA', 'AB', 'America/Edmonton'),
  ('780', 'CA', 'AB', 'America/Edmonton'), ('825', 'CA', 'AB', 'America/Edmonton'),
  -- British Columbia (the East Kootenays, on Mountain time, are a small part of 250)
  ('236', 'CA', 'BC', 'America/Vancouver'), ('250', 'CA', 'BC', 'America/Vancouver'), ('257', 'CA', 'BC', 'America/Vancouver'),
  ('604', 'CA', 'BC', 'America/Vancouver'), ('672', 'CA', 'BC', 'America/Vancouver'), ('778', 'CA', 'BC', 'America/Vancouver'),
  -- Manitoba
  ('204', 'CA', 'MB', 'America/Winnipeg'), ('431', 'CA', 'MB', 'America/Winnipeg'), ('584', 'CA', 'MB', 'America/Winnipeg'),
  -- New Brunswick
  ('428', 'CA', 'NB', 'America/Moncton'), ('506', 'CA', 'NB', 'America/Moncton'),
  -- Newfoundland and Labrador (Labrador, on Atlantic time, is a small minority)
  ('709', 'CA', 'NL', 'America/St_Johns'), ('879', 'CA', 'NL', 'America/St_Johns'),
  -- Nova Scotia and Prince Edward Island share 782 and 902
  ('782', 'CA', null, 'America/Halifax'), ('902', 'CA', null, 'America/Halifax'),
  -- Ontario (807: Thunder Bay, on Eastern time, outnumbers Kenora and the Central-time west)
  ('226', 'CA', 'ON', 'America/Toronto'), ('249', 'CA', 'ON', 'America/Toronto'), ('289', 'CA', 'ON', 'America/Toronto'),
  ('343', 'CA', 'ON', 'America/Toronto'), ('365', 'CA', 'ON', 'America/Toronto'), ('382', 'CA', 'ON', 'America/Toronto'),
  ('416', 'CA', 'ON', 'America/Toronto'), ('437', 'CA', 'ON', 'America/Toronto'), ('519', 'CA', 'ON', 'America/Toronto'),
  ('548', 'CA', 'ON', 'America/Toronto'), ('613', 'CA', 'ON', 'America/Toronto'), ('647', 'CA', 'ON', 'America/Toronto'),
  ('683', 'CA', 'ON', 'America/Toronto'), ('705', 'CA', 'ON', 'America/Toronto'), ('742', 'CA', 'ON', 'America/Toronto'),
  ('753', 'CA', 'ON', 'America/Toronto'), ('807', 'CA', 'ON', 'America/Toronto'), ('905', 'CA', 'ON', 'America/Toronto'),
  ('942', 'CA', 'ON', 'America/Toronto'),
  -- Quebec (the Magdalen Islands and the Lower North Shore, on Atlantic time, are a small part of 418/581/367)
  ('263', 'CA', 'QC', 'America/Toronto'), ('354', 'CA', 'QC', 'America/Toronto'), ('367', 'CA', 'QC', 'America/Toronto'),
  ('418', 'CA', 'QC', 'America/Toronto'), ('438', 'CA', 'QC', 'America/Toronto'), ('450', 'CA', 'QC', 'America/Toronto'),
  ('468', 'CA', 'QC', 'America/Toronto'), ('514', 'CA', 'QC', 'America/Toronto'), ('579', 'CA', 'QC', 'America/Toronto'),
  ('581', 'CA', 'QC', 'America/Toronto'), ('819', 'CA', 'QC', 'America/Toronto'), ('873', 'CA', 'QC', 'America/Toronto'),
  -- Saskatchewan (Central Standard Time all year)
  ('306', 'CA', 'SK', 'America/Regina'), ('474', 'CA', 'SK', 'America/Regina'), ('639', 'CA', 'SK', 'America/Regina'),
  -- Yukon, Northwest Territories and Nunavut share 867: the Northwest Territories and western Nunavut,
  -- which keep Mountain time with daylight saving, outnumber Yukon (permanent UTC-7) and eastern Nunavut
  ('867', 'CA', null, 'America/Edmonton'),

  -- Caribbean and Atlantic NANP countries
  ('242', 'BS', null, 'America/Nassau'),
  ('246', 'BB', null, 'America/Barbados'),
  ('264', 'AI', null, 'America/Anguilla'),
  ('268', 'AG', null, 'America/Antigua'),
  ('284', 'VG', null, 'America/Tortola'),
  ('345', 'KY', null, 'America/Cayman'),
  ('441', 'BM', null, 'Atlantic/Bermuda'),
  ('473', 'GD', null, 'America/Grenada'),
  ('649', 'TC', null, 'America/Grand_Turk'),
  ('658', 'JM', null, 'America/Jamaica'), ('876', 'JM', null, 'America/Jamaica'),
  ('664', 'MS', null, 'America/Montserrat'),
  ('721', 'SX', null, 'America/Lower_Princes'),
  ('758', 'LC', null, 'America/St_Lucia'),
  ('767', 'DM', null, 'America/Dominica'),
  ('784', 'VC', null, 'America/St_Vincent'),
  ('809', 'DO', null, 'America/Santo_Domingo'), ('829', 'DO', null, 'America/Santo_Domingo'),
  ('849', 'DO', null, 'America/Santo_Domingo'),
  ('868', 'TT', null, 'America/Port_of_Spain'),
  ('869', 'KN', null, 'America/St_Kitts');

-- Reference data: readable by every role, written only by migrations.
grant select on public.phone_area_codes to revenue_api, revenue_analyst, revenue_worker;

-- migrate:down
drop table if exists public.phone_area_codes;
