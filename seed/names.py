"""Deterministic Chinese names for people and places; weighted towards Putian's surnames."""

from __future__ import annotations

import random

SURNAMES = ("林" * 18 + "陈" * 16 + "黄" * 9 + "郑" * 8 + "吴" * 6 + "李" * 5 + "王" * 4 + "张" * 4
            + "刘" * 3 + "方" * 3 + "蔡" * 3 + "许" * 3 + "朱" * 2 + "翁" * 2 + "余" * 2 + "徐" * 2
            + "周" * 2 + "杨" + "游" + "蒋" + "苏" + "卓" + "关" + "宋" + "姚")
GIVEN = ("建国 春山 秀英 丽华 志强 国荣 金花 文彬 玉兰 明辉 海燕 德福 淑珍 少华 亚平 伟东 桂香 "
         "荣生 美玲 振华 丽娟 清泉 宝珠 俊杰 雪梅 永福 丽琴 金水 春兰 阿兴 秀琴 志明 素珍 国平 "
         "惠英 剑锋 燕萍 光辉 月娥 建华 晓东 丽萍 文杰 秀珠 金城 碧霞 伟明 婷婷 鸿 敏 勇 芳 "
         "磊 静 杰 斌 霞 强 军 华 琳 涛 莉").split()
PLACE = ("荔 香 东 西 南 北 兴 福 华 安 泰 和 平 康 宁 瑞 祥 丰 盛 龙 凤 锦 绣 阳 光 明 新 "
         "桥 湖 山 溪 园 林 海 霞 梅 兰 竹 桂 金 玉 紫 云 星 城").split()
STREET_SUFFIX = ("路", "街", "巷")
SHOPS = ("便利店 水果店 理发店 药店 五金店 小吃店 茶叶店 服装店 快递站 早餐店 汽修店 "
         "手机店 面馆 超市 烟酒店 洗衣店 文具店 花店 眼镜店 诊所").split()
DEPARTMENTS = ("内科 外科 儿科 妇产科 骨科 急诊科 检验科 放射科 药剂科 口腔科 中医科 "
               "康复科 眼科 皮肤科 护理部").split()
SCHOOL_UNITS = ("初一年段 初二年段 初三年段 高一年段 高二年段 高三年段 "
                "一年级 二年级 三年级 四年级 五年级 六年级 教职工").split()


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def place(rng: random.Random, length: int = 2) -> str:
    return "".join(rng.choice(PLACE) for _ in range(length))


def street(rng: random.Random) -> str:
    return place(rng) + rng.choice(STREET_SUFFIX)
